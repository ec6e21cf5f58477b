// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {CommonplaceToken} from "./CommonplaceToken.sol";

/// @title Commonplace snapshot distributor
/// @notice Records each dataset snapshot (epoch) on-chain and pays its rewards. Reward trees are
/// cumulative: the latest root holds, per account, everything it ever earned, and a claim pays the
/// difference to what the account already claimed. Older roots are kept for audit only.
/// @dev Publishing mints the increase of `totalCumulative` to this contract; claims transfer from
/// that balance. The token's own accounting therefore caps everything ever paid at the latest
/// `totalCumulative`, and a claim costs two balance updates instead of a mint, a role check and a
/// separate paid-so-far counter (about 7,000 gas less per claim).
/// Leaves follow OpenZeppelin's StandardMerkleTree over ["address","uint256"]:
/// keccak256(bytes.concat(keccak256(abi.encode(account, cumulativeAmount)))). The double hash
/// makes a 64-byte inner node impossible to pass off as a leaf (second-preimage safety).
contract SnapshotDistributor is AccessControl {
    bytes32 public constant PUBLISHER_ROLE = keccak256("PUBLISHER_ROLE");
    bytes32 public constant PAUSER_ROLE = keccak256("PAUSER_ROLE");

    /// @notice What one publication committed to. `publishedAt` is 0 for an unpublished epoch.
    struct Snapshot {
        bytes32 datasetRoot;
        bytes32 rewardRoot;
        bytes32 manifestHash;
        uint192 totalCumulative;
        uint64 publishedAt;
    }

    CommonplaceToken public immutable token;
    /// @dev The root claims are checked against: the latest reward root, or zero while paused.
    /// No proof can hash to zero, so pausing costs claims no extra storage read.
    bytes32 private _claimRoot;
    uint64 public latestEpoch;
    bool public paused;
    mapping(uint64 epoch => Snapshot) private _snapshots;
    /// @notice Cumulative amount already paid to each account.
    mapping(address account => uint256) public claimed;

    event Published(
        uint64 indexed epoch, bytes32 datasetRoot, bytes32 rewardRoot, bytes32 manifestHash, uint256 totalCumulative
    );
    event Claimed(address indexed account, uint256 amount, uint256 cumulativeAmount);
    event Paused(address account);
    event Unpaused(address account);

    error UnexpectedEpoch(uint64 expected, uint64 given);
    error TotalDecreased(uint256 previous, uint256 given);
    error TotalTooLarge(uint256 given);
    error NothingToClaim();
    error InvalidProof();
    error TransferFailed();
    error EnforcedPause();
    error ExpectedPause();

    constructor(CommonplaceToken token_, address admin) {
        token = token_;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
    }

    /// @notice Publishes epoch `epoch`, which must be exactly `latestEpoch() + 1` (the first is 1),
    /// and mints the rewards it adds. Allowed while paused (the new root takes effect on unpause).
    /// @param totalCumulative sum of every cumulative amount in the reward tree; never decreases,
    /// and caps what all claims together can ever be paid.
    function publish(
        uint64 epoch,
        bytes32 datasetRoot,
        bytes32 rewardRoot_,
        bytes32 manifestHash,
        uint256 totalCumulative
    ) external onlyRole(PUBLISHER_ROLE) {
        uint64 previous = latestEpoch;
        if (epoch != previous + 1) revert UnexpectedEpoch(previous + 1, epoch);
        uint256 previousTotal = _snapshots[previous].totalCumulative;
        if (totalCumulative < previousTotal) revert TotalDecreased(previousTotal, totalCumulative);
        if (totalCumulative > type(uint192).max) revert TotalTooLarge(totalCumulative);
        latestEpoch = epoch;
        if (!paused) _claimRoot = rewardRoot_;
        _snapshots[epoch] =
            Snapshot(datasetRoot, rewardRoot_, manifestHash, uint192(totalCumulative), uint64(block.timestamp));
        if (totalCumulative != previousTotal) token.mint(address(this), totalCumulative - previousTotal);
        emit Published(epoch, datasetRoot, rewardRoot_, manifestHash, totalCumulative);
    }

    /// @notice Pays `account` what the latest reward tree grants it beyond what it already claimed.
    /// Anyone may submit the claim; the tokens always go to `account`.
    /// @dev Reverts with NothingToClaim when `cumulativeAmount` is not above `claimed(account)`, so a
    /// repeated claim fails early and cheaply instead of succeeding with a zero payout.
    function claim(address account, uint256 cumulativeAmount, bytes32[] calldata proof) external {
        uint256 already = claimed[account];
        if (cumulativeAmount <= already) revert NothingToClaim();
        if (!_verify(proof, _claimRoot, _leaf(account, cumulativeAmount))) {
            if (paused) revert EnforcedPause();
            revert InvalidProof();
        }
        claimed[account] = cumulativeAmount;
        uint256 amount;
        unchecked {
            amount = cumulativeAmount - already; // > 0, checked above
        }
        // Our own token: reverts (ERC20InsufficientBalance) rather than return false, checked anyway.
        if (!token.transfer(account, amount)) revert TransferFailed();
        emit Claimed(account, amount, cumulativeAmount);
    }

    /// @notice Stops claims (publishing continues). PAUSER_ROLE only.
    function pause() external onlyRole(PAUSER_ROLE) {
        if (paused) revert EnforcedPause();
        paused = true;
        _claimRoot = bytes32(0);
        emit Paused(msg.sender);
    }

    /// @notice Resumes claims against the latest reward root. PAUSER_ROLE only.
    function unpause() external onlyRole(PAUSER_ROLE) {
        if (!paused) revert ExpectedPause();
        paused = false;
        _claimRoot = _snapshots[latestEpoch].rewardRoot;
        emit Unpaused(msg.sender);
    }

    /// @notice The latest epoch's reward root (zero before the first publication).
    function rewardRoot() external view returns (bytes32) {
        return _snapshots[latestEpoch].rewardRoot;
    }

    /// @notice The latest epoch's total of cumulative amounts (zero before the first publication).
    function latestTotalCumulative() external view returns (uint256) {
        return _snapshots[latestEpoch].totalCumulative;
    }

    /// @notice The record of `epoch`; all zeros when it was never published.
    function epochs(uint64 epoch) external view returns (Snapshot memory) {
        return _snapshots[epoch];
    }

    function _leaf(address account, uint256 cumulativeAmount) private pure returns (bytes32 leaf) {
        assembly ("memory-safe") {
            mstore(0x00, account)
            mstore(0x20, cumulativeAmount)
            mstore(0x00, keccak256(0x00, 0x40))
            leaf := keccak256(0x00, 0x20)
        }
    }

    /// @dev Sorted-pair (commutative) hashing, as StandardMerkleTree builds its nodes; hashes in
    /// scratch space without bounds-checked array reads.
    function _verify(bytes32[] calldata proof, bytes32 root, bytes32 leaf) private pure returns (bool) {
        assembly ("memory-safe") {
            let end := add(proof.offset, shl(5, proof.length))
            for { let p := proof.offset } lt(p, end) { p := add(p, 0x20) } {
                let sibling := calldataload(p)
                let first := shl(5, gt(leaf, sibling)) // the smaller value is hashed first
                mstore(first, leaf)
                mstore(xor(first, 0x20), sibling)
                leaf := keccak256(0x00, 0x40)
            }
        }
        return leaf == root;
    }
}
