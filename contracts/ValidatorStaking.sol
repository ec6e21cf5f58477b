// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

/// @title Commonplace validator staking
/// @notice Validators lock tokens to earn the right to vote: an account is a validator while its
/// active stake is at least `minStake`. Leaving takes two steps, requestUnstake then withdraw after
/// `unstakeDelay`, so stake stays slashable for a while after a validator's last votes.
contract ValidatorStaking is AccessControl {
    using SafeERC20 for IERC20;

    bytes32 public constant GOVERNANCE_ROLE = keccak256("GOVERNANCE_ROLE");
    bytes32 public constant SLASHER_ROLE = keccak256("SLASHER_ROLE");

    /// @dev One slot per account. uint96 holds 7.9e28 wei (79 billion tokens at 18 decimals).
    struct Position {
        uint96 active;
        uint96 pending;
        uint64 unlockAt;
    }

    IERC20 public immutable token;
    uint256 public minStake;
    uint256 public unstakeDelay;
    mapping(address account => Position) private _positions;

    event Staked(address indexed account, uint256 amount);
    event UnstakeRequested(address indexed account, uint256 amount, uint256 unlockAt);
    event Withdrawn(address indexed account, uint256 amount);
    /// @param evidenceHash commits to the evidence the slasher published (the failed gold answers
    /// and the validator's signed votes on them), so anyone can fetch it and check the reason.
    event Slashed(address indexed account, uint256 amount, bytes32 indexed evidenceHash, string reason);
    event MinStakeSet(uint256 minStake);
    event UnstakeDelaySet(uint256 unstakeDelay);

    error ZeroAmount();
    error BelowMinimumStake(uint256 resulting, uint256 minStake);
    error AmountTooLarge(uint256 amount);
    error InsufficientStake(uint256 active, uint256 requested);
    error NothingToWithdraw();
    error StillLocked(uint256 unlockAt);
    error DelayTooLong(uint256 unstakeDelay);

    constructor(IERC20 token_, address admin, uint256 minStake_, uint256 unstakeDelay_) {
        token = token_;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        minStake = minStake_;
        _setUnstakeDelay(unstakeDelay_);
    }

    /// @notice Locks `amount` more tokens (approve this contract first, or use stakeWithPermit). The
    /// active stake must reach `minStake`: a stake that cannot make its owner a validator is refused
    /// rather than locked for nothing (a validator slashed below the minimum tops up past it).
    function stake(uint256 amount) public {
        if (amount == 0) revert ZeroAmount();
        Position storage p = _positions[msg.sender];
        // Bounding active + pending keeps every later uint96 update below from wrapping.
        if (amount > type(uint96).max - p.active - p.pending) revert AmountTooLarge(amount);
        if (p.active + amount < minStake) revert BelowMinimumStake(p.active + amount, minStake);
        p.active += uint96(amount);
        token.safeTransferFrom(msg.sender, address(this), amount);
        emit Staked(msg.sender, amount);
    }

    /// @notice Approves through an EIP-2612 permit and stakes in one transaction.
    function stakeWithPermit(uint256 amount, uint256 deadline, uint8 v, bytes32 r, bytes32 s) external {
        // A front-run permit leaves the allowance in place, so a failed permit is not fatal.
        try IERC20Permit(address(token)).permit(msg.sender, address(this), amount, deadline, v, r, s) {} catch {}
        stake(amount);
    }

    /// @notice Moves `amount` of active stake to pending. Every request restarts the delay for the
    /// whole pending amount: it unlocks `unstakeDelay` seconds after the latest request.
    function requestUnstake(uint256 amount) external {
        if (amount == 0) revert ZeroAmount();
        Position memory p = _positions[msg.sender];
        if (amount > p.active) revert InsufficientStake(p.active, amount);
        uint256 unlockAt = block.timestamp + unstakeDelay;
        unchecked {
            // active + pending is bounded by stake(), so neither side can wrap
            p.active -= uint96(amount);
            p.pending += uint96(amount);
        }
        p.unlockAt = uint64(unlockAt);
        _positions[msg.sender] = p;
        emit UnstakeRequested(msg.sender, amount, unlockAt);
    }

    /// @notice Returns all pending stake once its delay has passed; reverts before.
    function withdraw() external {
        Position memory p = _positions[msg.sender];
        if (p.pending == 0) revert NothingToWithdraw();
        if (block.timestamp < p.unlockAt) revert StillLocked(p.unlockAt);
        uint256 amount = p.pending;
        _positions[msg.sender] = Position(p.active, 0, 0);
        token.safeTransfer(msg.sender, amount);
        emit Withdrawn(msg.sender, amount);
    }

    /// @notice Takes up to `amount` from `account`, active stake first, then pending; the tokens go
    /// to the slasher (governance decides what happens to them). Emits the amount actually taken,
    /// with the hash of the published evidence and a human-readable reason.
    function slash(address account, uint256 amount, bytes32 evidenceHash, string calldata reason) external onlyRole(SLASHER_ROLE) {
        Position memory p = _positions[account];
        uint256 fromActive = amount < p.active ? amount : p.active;
        uint256 rest = amount - fromActive;
        uint256 fromPending = rest < p.pending ? rest : p.pending;
        unchecked {
            p.active -= uint96(fromActive);
            p.pending -= uint96(fromPending);
        }
        _positions[account] = p;
        uint256 taken = fromActive + fromPending;
        if (taken != 0) token.safeTransfer(msg.sender, taken);
        emit Slashed(account, taken, evidenceHash, reason);
    }

    function setMinStake(uint256 minStake_) external onlyRole(GOVERNANCE_ROLE) {
        minStake = minStake_;
        emit MinStakeSet(minStake_);
    }

    /// @notice Applies to later requests only; already pending stake keeps its unlock time.
    function setUnstakeDelay(uint256 unstakeDelay_) external onlyRole(GOVERNANCE_ROLE) {
        _setUnstakeDelay(unstakeDelay_);
    }

    function _setUnstakeDelay(uint256 unstakeDelay_) private {
        // A year at most: keeps block.timestamp + delay far inside uint64 and exits possible.
        if (unstakeDelay_ > 365 days) revert DelayTooLong(unstakeDelay_);
        unstakeDelay = unstakeDelay_;
        emit UnstakeDelaySet(unstakeDelay_);
    }

    /// @notice True while `account` has a non-zero active stake of at least `minStake`.
    function isValidator(address account) external view returns (bool) {
        uint256 active = _positions[account].active;
        return active != 0 && active >= minStake;
    }

    /// @notice Active stake, pending stake and when the pending stake unlocks (0 if none).
    function stakeOf(address account) external view returns (uint256 active, uint256 pending, uint256 unlockAt) {
        Position memory p = _positions[account];
        return (p.active, p.pending, p.unlockAt);
    }
}
