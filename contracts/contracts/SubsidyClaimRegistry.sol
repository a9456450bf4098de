// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.29;

import {TrustedIssuerRegistry} from "./TrustedIssuerRegistry.sol";

/// @title SubsidyClaimRegistry
/// @notice One claim per person per subsidy programme, enforced on chain without knowing the person.
///
/// An agency accredited in the {TrustedIssuerRegistry} for a scope (e.g. the subsidy credential type) opens a
/// programme with a budget, an amount per claim and a claim window, and names the offices that may record
/// claims. An office records a claim with the claimant's nullifier for that programme; a nullifier claims
/// once, ever, in that programme, whichever office records it.
///
/// IMPORTANT: A nullifier is a programme-scoped keyed hash computed off chain (e.g. by the holder's wallet from
/// a secret in their identity credential and the programme id), so nullifiers of one person in two programmes
/// cannot be linked, and none is derived from personal data alone. No personal data is ever written here.
///
/// NOTE: The agency's accreditation is checked when the programme opens; if it is later suspended or revoked,
/// the agency or the root authority closes the programme with {closeProgramme}.
contract SubsidyClaimRegistry {
    /// @notice A programme as returned by {getProgramme}.
    struct Programme {
        address agency;
        bytes32 scope;
        uint40 opensAt;
        uint40 closesAt;
        bool closed;
        uint96 budget;
        uint96 amountPerClaim;
        uint64 claims;
    }

    struct Window {
        address agency;
        uint40 opensAt;
        uint40 closesAt;
        bool closed;
    }

    struct Funds {
        uint96 budget;
        uint96 amountPerClaim;
        uint64 claims;
    }

    TrustedIssuerRegistry private immutable _trust;

    mapping(bytes32 programme => Window) private _windows;
    mapping(bytes32 programme => Funds) private _funds;
    mapping(bytes32 programme => bytes32) private _scopes;
    mapping(bytes32 programme => mapping(address office => bool)) private _offices;
    mapping(bytes32 programme => mapping(bytes32 nullifier => uint256)) private _claimedAt;

    /// @notice `agency` opened programme `programme` under its accreditation for `scope`.
    event ProgrammeOpened(
        bytes32 indexed programme,
        address indexed agency,
        bytes32 scope,
        uint96 budget,
        uint96 amountPerClaim,
        uint40 opensAt,
        uint40 closesAt
    );
    /// @notice Programme `programme` was closed early by `by`.
    event ProgrammeClosed(bytes32 indexed programme, address indexed by);
    /// @notice `office` may (`authorized`) or may no longer record claims in programme `programme`.
    event OfficeChanged(bytes32 indexed programme, address indexed office, bool authorized);
    /// @notice `office` recorded the claim of `nullifier` in programme `programme`: `amount` paid, the
    /// programme's `claimNumber`-th claim.
    event SubsidyClaimed(
        bytes32 indexed programme, bytes32 indexed nullifier, address indexed office, uint96 amount, uint64 claimNumber
    );

    /// @notice Programme `programme` exists already.
    error SubsidyProgrammeExists(bytes32 programme);
    /// @notice No programme has id `programme`.
    error SubsidyUnknownProgramme(bytes32 programme);
    /// @notice `agency` is not accredited for `scope` now.
    error SubsidyAgencyNotAccredited(address agency, bytes32 scope);
    /// @notice The terms are unusable: zero id, zero amount, a budget below one claim, or an empty or past window.
    error SubsidyInvalidTerms(bytes32 programme);
    /// @notice `account` is not the programme's agency (or, for {closeProgramme}, the root authority).
    error SubsidyNotAgency(address account, bytes32 programme);
    /// @notice `account` may not record claims in programme `programme`.
    error SubsidyNotOffice(address account, bytes32 programme);
    /// @notice Programme `programme` is closed, or `timestamp` is outside its window.
    error SubsidyOutsideWindow(bytes32 programme, uint256 timestamp);
    /// @notice `nullifier` already claimed in programme `programme`, at `claimedAt`.
    error SubsidyAlreadyClaimed(bytes32 programme, bytes32 nullifier, uint256 claimedAt);
    /// @notice Programme `programme`'s budget cannot pay another claim: `remaining` left.
    error SubsidyBudgetExhausted(bytes32 programme, uint256 remaining);
    /// @notice The nullifier is zero.
    error SubsidyZeroNullifier();
    /// @notice The office is already in the state asked for.
    error SubsidyOfficeUnchanged(bytes32 programme, address office, bool authorized);

    /// @param trust the trust registry that accredits agencies and whose root authority may close programmes.
    constructor(TrustedIssuerRegistry trust) {
        _trust = trust;
    }

    /// @notice The trust registry this registry consults.
    function trustRegistry() external view returns (TrustedIssuerRegistry) {
        return _trust;
    }

    /// @notice Opens programme `programme`. The caller becomes its agency and must be accredited for `scope` now.
    /// @param programme the programme id (e.g. keccak256 of its public name); non-zero, unused.
    /// @param scope the scope the agency is accredited for (e.g. the subsidy credential type).
    /// @param budget the total that claims may pay (in the smallest currency unit, e.g. fen).
    /// @param amountPerClaim what one claim pays; non-zero, at most `budget`.
    /// @param opensAt the first second claims are accepted (0 = now).
    /// @param closesAt the first second claims are refused again; after `opensAt` and in the future.
    /// @dev Emits {ProgrammeOpened}. Reverts with {SubsidyInvalidTerms}, {SubsidyProgrammeExists} or
    /// {SubsidyAgencyNotAccredited}.
    function openProgramme(
        bytes32 programme,
        bytes32 scope,
        uint96 budget,
        uint96 amountPerClaim,
        uint40 opensAt,
        uint40 closesAt
    ) external {
        if (opensAt == 0) opensAt = uint40(block.timestamp);
        if (
            programme == bytes32(0) || amountPerClaim == 0 || budget < amountPerClaim || closesAt <= opensAt
                || closesAt <= block.timestamp
        ) revert SubsidyInvalidTerms(programme);
        if (_windows[programme].agency != address(0)) revert SubsidyProgrammeExists(programme);
        if (!_trust.isAccredited(msg.sender, scope, block.timestamp)) revert SubsidyAgencyNotAccredited(msg.sender, scope);
        _windows[programme] = Window({agency: msg.sender, opensAt: opensAt, closesAt: closesAt, closed: false});
        _funds[programme] = Funds({budget: budget, amountPerClaim: amountPerClaim, claims: 0});
        _scopes[programme] = scope;
        emit ProgrammeOpened(programme, msg.sender, scope, budget, amountPerClaim, opensAt, closesAt);
    }

    /// @notice Lets `office` record claims in programme `programme` (`authorized` = true) or stops it.
    /// Only the programme's agency may. The agency itself may always record claims.
    /// @dev Emits {OfficeChanged}. Reverts with {SubsidyUnknownProgramme}, {SubsidyNotAgency} or
    /// {SubsidyOfficeUnchanged}.
    function setOffice(bytes32 programme, address office, bool authorized) external {
        Window storage w = _window(programme);
        if (w.agency != msg.sender) revert SubsidyNotAgency(msg.sender, programme);
        if (_offices[programme][office] == authorized) revert SubsidyOfficeUnchanged(programme, office, authorized);
        _offices[programme][office] = authorized;
        emit OfficeChanged(programme, office, authorized);
    }

    /// @notice Closes programme `programme` for good. Its agency or the root authority may.
    /// @dev Emits {ProgrammeClosed}. Reverts with {SubsidyUnknownProgramme}, {SubsidyNotAgency} or
    /// {SubsidyOutsideWindow} when already closed.
    function closeProgramme(bytes32 programme) external {
        Window storage w = _window(programme);
        if (w.agency != msg.sender && _trust.owner() != msg.sender) revert SubsidyNotAgency(msg.sender, programme);
        if (w.closed) revert SubsidyOutsideWindow(programme, block.timestamp);
        w.closed = true;
        emit ProgrammeClosed(programme, msg.sender);
    }

    /// @notice Records the claim of `nullifier` in programme `programme`. The caller is the programme's agency
    /// or one of its offices; the programme is open now; the nullifier has never claimed in it; the budget
    /// pays one more claim.
    /// @dev Emits {SubsidyClaimed}. Reverts with {SubsidyZeroNullifier}, {SubsidyUnknownProgramme},
    /// {SubsidyNotOffice}, {SubsidyOutsideWindow}, {SubsidyAlreadyClaimed} or {SubsidyBudgetExhausted}.
    function claim(bytes32 programme, bytes32 nullifier) external {
        if (nullifier == bytes32(0)) revert SubsidyZeroNullifier();
        Window memory w = _windows[programme];
        if (w.agency == address(0)) revert SubsidyUnknownProgramme(programme);
        if (w.agency != msg.sender && !_offices[programme][msg.sender]) revert SubsidyNotOffice(msg.sender, programme);
        if (w.closed || block.timestamp < w.opensAt || block.timestamp >= w.closesAt) {
            revert SubsidyOutsideWindow(programme, block.timestamp);
        }
        uint256 previous = _claimedAt[programme][nullifier];
        if (previous != 0) revert SubsidyAlreadyClaimed(programme, nullifier, previous);
        Funds memory f = _funds[programme];
        uint256 spent = uint256(f.claims) * f.amountPerClaim;
        if (spent + f.amountPerClaim > f.budget) revert SubsidyBudgetExhausted(programme, f.budget - spent);

        _claimedAt[programme][nullifier] = block.timestamp;
        uint64 claimNumber = f.claims + 1;
        _funds[programme].claims = claimNumber;
        emit SubsidyClaimed(programme, nullifier, msg.sender, f.amountPerClaim, claimNumber);
    }

    /// @notice When `nullifier` claimed in programme `programme` (0 = never).
    function claimedAt(bytes32 programme, bytes32 nullifier) external view returns (uint256) {
        return _claimedAt[programme][nullifier];
    }

    /// @notice Whether `office` may record claims in programme `programme` (the agency always may).
    function isOffice(bytes32 programme, address office) external view returns (bool) {
        address agency = _windows[programme].agency;
        return agency != address(0) && (agency == office || _offices[programme][office]);
    }

    /// @notice What programme `programme`'s budget still holds.
    function remainingBudget(bytes32 programme) external view returns (uint256) {
        _window(programme);
        Funds storage f = _funds[programme];
        return f.budget - uint256(f.claims) * f.amountPerClaim;
    }

    /// @notice Programme `programme`; reverts with {SubsidyUnknownProgramme} when unknown.
    function getProgramme(bytes32 programme) external view returns (Programme memory) {
        Window storage w = _window(programme);
        Funds storage f = _funds[programme];
        return Programme({
            agency: w.agency,
            scope: _scopes[programme],
            opensAt: w.opensAt,
            closesAt: w.closesAt,
            closed: w.closed,
            budget: f.budget,
            amountPerClaim: f.amountPerClaim,
            claims: f.claims
        });
    }

    function _window(bytes32 programme) private view returns (Window storage w) {
        w = _windows[programme];
        if (w.agency == address(0)) revert SubsidyUnknownProgramme(programme);
    }
}
