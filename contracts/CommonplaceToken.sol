// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";

/// @title Commonplace reward token
/// @notice ERC-20 with EIP-2612 permits. A genesis supply is minted once at deployment (it funds
/// validator stakes on the local chain); after that only MINTER_ROLE, held by the
/// SnapshotDistributor, can create tokens, and only by paying out published rewards.
/// @dev The permit domain is {name: "Commonplace", version: "1", chainId, verifyingContract}. It
/// shares name and version with the app's EIP-712 `Submission` domain, but that domain has no
/// verifyingContract, so a signature for one can never be replayed as the other.
contract CommonplaceToken is ERC20, ERC20Permit, AccessControl {
    bytes32 public constant MINTER_ROLE = keccak256("MINTER_ROLE");

    /// @param admin receives DEFAULT_ADMIN_ROLE (grants MINTER_ROLE to the distributor).
    /// @param genesisHolder receives the genesis supply; ignored when `genesisSupply` is 0.
    /// @param genesisSupply tokens minted once, here, and never again outside MINTER_ROLE.
    constructor(address admin, address genesisHolder, uint256 genesisSupply)
        ERC20("Commonplace", "CMPL")
        ERC20Permit("Commonplace")
    {
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        if (genesisSupply != 0) _mint(genesisHolder, genesisSupply);
    }

    /// @notice Mints `amount` to `to`. Reverts with AccessControlUnauthorizedAccount for anyone
    /// without MINTER_ROLE.
    function mint(address to, uint256 amount) external onlyRole(MINTER_ROLE) {
        _mint(to, amount);
    }
}
