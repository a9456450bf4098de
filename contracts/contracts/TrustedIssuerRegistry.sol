// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.29;

import {Ownable, Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";

/// @title TrustedIssuerRegistry
/// @notice Who may issue what, and since when. The root authority (the contract owner, transferable only in
/// two steps: {transferOwnership} then {acceptOwnership}) accredits accrediting departments; an accreditor
/// accredits issuers. Each accreditation is scoped to a set of scope ids (bytes32: credential types and
/// attestation schemas share one namespace) and to a validity window `[validFrom, validUntil)`, and may be
/// suspended, reinstated and revoked.
///
/// History is kept and never overwritten, so {isAccredited} answers for any past moment, and an answer
/// about a moment up to the current block's timestamp never turns from true to false:
/// - an accreditation's scopes and window are fixed when it is granted, and its window may not start in the
///   past, so a grant never changes an answer about the past;
/// - suspensions are recorded as intervals and revocation as a time, both taking effect from the second after
///   the block's timestamp (`block.timestamp + 1`): whatever an issuer did in the block's second, it did while
///   accredited, so "was X accredited when it wrote this" never changes its answer afterwards.
///
/// An accreditation never grows wider down the chain: a child's scopes are a subset of its parent's, its
/// window lies inside its parent's, and it is valid at a moment only if every accreditation above it was
/// valid (not revoked, not suspended, inside its window) at that same moment.
///
/// No personal data: the parties here are organisations' addresses, the scopes are type and schema ids.
contract TrustedIssuerRegistry is Ownable2Step {
    /// @notice The longest chain below the root authority (root → accreditor → … → issuer).
    uint256 public constant MAX_DEPTH = 4;
    /// @notice The most scopes one accreditation may carry.
    uint256 public constant MAX_SCOPES = 64;

    /// @dev The first storage slot of an accreditation is all that {isAccredited} reads per level.
    struct Record {
        uint40 validFrom;
        uint40 validUntil;
        uint40 revokedAt; // 0 = not revoked
        uint32 parent; // 0 = granted by the root authority
        uint8 depth; // 1 = granted by the root authority
        bool canAccredit;
        bool everSuspended;
        address issuer;
    }

    /// @notice A suspension: from `from` (inclusive) until `until` (exclusive; 0 while still suspended).
    struct Suspension {
        uint40 from;
        uint40 until;
    }

    /// @notice An accreditation as returned by {getAccreditation}.
    struct Accreditation {
        address issuer;
        uint32 parent;
        uint8 depth;
        bool canAccredit;
        uint40 validFrom;
        uint40 validUntil;
        uint40 revokedAt;
        bool suspended;
        bytes32[] scopes;
    }

    uint32 private _count;
    mapping(uint32 id => Record) private _records;
    mapping(uint32 id => bytes32[]) private _scopes;
    mapping(uint32 id => mapping(bytes32 scope => bool)) private _hasScope;
    mapping(uint32 id => Suspension[]) private _suspensions;
    mapping(address issuer => mapping(bytes32 scope => uint32[])) private _byIssuerScope;
    mapping(address issuer => uint32[]) private _byIssuer;

    /// @notice Accreditation `id` was granted to `issuer` by `grantor` under accreditation `parent`
    /// (0 = by the root authority).
    event AccreditationGranted(
        uint32 indexed id,
        address indexed issuer,
        address indexed grantor,
        uint32 parent,
        bytes32[] scopes,
        uint40 validFrom,
        uint40 validUntil,
        bool canAccredit
    );
    /// @notice Accreditation `id` was suspended by `by`, with effect from `effectiveFrom`.
    event AccreditationSuspended(uint32 indexed id, address indexed by, uint40 effectiveFrom);
    /// @notice Accreditation `id`'s suspension was lifted by `by`, with effect from `effectiveFrom`.
    event AccreditationReinstated(uint32 indexed id, address indexed by, uint40 effectiveFrom);
    /// @notice Accreditation `id` was revoked for good by `by`, with effect from `effectiveFrom`.
    event AccreditationRevoked(uint32 indexed id, address indexed by, uint40 effectiveFrom);

    /// @notice No accreditation has id `id`.
    error TrustRegistryUnknownAccreditation(uint32 id);
    /// @notice `account` may not grant under accreditation `parent` (not its holder, or not the root
    /// authority for a root grant).
    error TrustRegistryNotGrantor(address account, uint32 parent);
    /// @notice Accreditation `parent` does not allow its holder to accredit others, or the chain is too deep.
    error TrustRegistryCannotAccredit(uint32 parent);
    /// @notice Accreditation `parent` is not valid now, so nothing may be granted under it.
    error TrustRegistryParentNotActive(uint32 parent);
    /// @notice `scope` is not held by accreditation `parent`: an accreditor grants only what it holds.
    error TrustRegistryScopeNotHeld(uint32 parent, bytes32 scope);
    /// @notice The window `[validFrom, validUntil)` is empty, starts in the past, or leaves the parent's window.
    error TrustRegistryInvalidWindow(uint40 validFrom, uint40 validUntil);
    /// @notice The scope list is empty, longer than {MAX_SCOPES}, or holds the zero id or a duplicate.
    error TrustRegistryInvalidScopes();
    /// @notice The issuer is the zero address.
    error TrustRegistryZeroIssuer();
    /// @notice `account` may not change accreditation `id`: only the root authority or the holder of its
    /// parent accreditation may.
    error TrustRegistryNotController(address account, uint32 id);
    /// @notice Accreditation `id` is revoked; it cannot change any more.
    error TrustRegistryAlreadyRevoked(uint32 id);
    /// @notice Accreditation `id` is already in the state asked for (`suspended`).
    error TrustRegistrySuspensionUnchanged(uint32 id, bool suspended);
    /// @notice The root authority cannot be renounced: the registry would be orphaned.
    error TrustRegistryRenounceDisabled();

    /// @param rootAuthority the first root authority (e.g. the district government's address).
    constructor(address rootAuthority) Ownable(rootAuthority) {}

    /// @notice Grants `issuer` an accreditation for `scopes` during `[validFrom, validUntil)`.
    /// The root authority grants with `parent` = 0; an accreditor grants under its own accreditation `parent`,
    /// which must allow accrediting, be valid now, and hold every scope and the whole window granted.
    /// @param issuer the accredited party.
    /// @param scopes credential type / attestation schema ids (bytes32), non-zero, no duplicates.
    /// @param validFrom start of validity; 0 means now; never in the past.
    /// @param validUntil end of validity (exclusive); `type(uint40).max` for "until revoked".
    /// @param canAccredit whether the issuer may in turn accredit others (within these scopes and window).
    /// @param parent the caller's accreditation the grant is made under, or 0 for the root authority.
    /// @return id the new accreditation's id (ids start at 1).
    /// @dev Emits {AccreditationGranted}. Reverts with {TrustRegistryZeroIssuer}, {TrustRegistryInvalidScopes},
    /// {TrustRegistryInvalidWindow}, {TrustRegistryNotGrantor}, {TrustRegistryUnknownAccreditation},
    /// {TrustRegistryCannotAccredit}, {TrustRegistryParentNotActive} or {TrustRegistryScopeNotHeld}.
    function accredit(
        address issuer,
        bytes32[] calldata scopes,
        uint40 validFrom,
        uint40 validUntil,
        bool canAccredit,
        uint32 parent
    ) external virtual returns (uint32 id) {
        if (issuer == address(0)) revert TrustRegistryZeroIssuer();
        if (scopes.length == 0 || scopes.length > MAX_SCOPES) revert TrustRegistryInvalidScopes();
        uint40 nowTs = uint40(block.timestamp);
        if (validFrom == 0) validFrom = nowTs;
        if (validFrom < nowTs || validUntil <= validFrom) revert TrustRegistryInvalidWindow(validFrom, validUntil);

        uint8 depth = 1;
        if (parent == 0) {
            if (msg.sender != owner()) revert TrustRegistryNotGrantor(msg.sender, 0);
        } else {
            Record storage p = _record(parent);
            if (p.issuer != msg.sender) revert TrustRegistryNotGrantor(msg.sender, parent);
            if (!p.canAccredit || p.depth >= MAX_DEPTH) revert TrustRegistryCannotAccredit(parent);
            // Valid now, and not suspended or revoked with effect from the next second.
            if (!_activeAt(parent, nowTs) || !_activeAt(parent, nowTs + 1)) revert TrustRegistryParentNotActive(parent);
            if (validUntil > p.validUntil) revert TrustRegistryInvalidWindow(validFrom, validUntil);
            for (uint256 i = 0; i < scopes.length; ++i) {
                if (!_hasScope[parent][scopes[i]]) revert TrustRegistryScopeNotHeld(parent, scopes[i]);
            }
            depth = p.depth + 1;
        }

        unchecked {
            // Fewer than 2^32 accreditations can ever be granted: each costs a transaction.
            id = ++_count;
        }
        _records[id] = Record({
            validFrom: validFrom,
            validUntil: validUntil,
            revokedAt: 0,
            parent: parent,
            depth: depth,
            canAccredit: canAccredit && depth < MAX_DEPTH,
            everSuspended: false,
            issuer: issuer
        });
        for (uint256 i = 0; i < scopes.length; ++i) {
            bytes32 scope = scopes[i];
            if (scope == bytes32(0) || _hasScope[id][scope]) revert TrustRegistryInvalidScopes();
            _hasScope[id][scope] = true;
            _byIssuerScope[issuer][scope].push(id);
        }
        _scopes[id] = scopes;
        _byIssuer[issuer].push(id);
        emit AccreditationGranted(id, issuer, msg.sender, parent, scopes, validFrom, validUntil, canAccredit && depth < MAX_DEPTH);
    }

    /// @notice Suspends accreditation `id` from the next second on; its descendants stop being valid with it.
    /// Only the root authority or the holder of the parent accreditation may.
    /// @dev Emits {AccreditationSuspended}. Reverts with {TrustRegistryUnknownAccreditation},
    /// {TrustRegistryNotController}, {TrustRegistryAlreadyRevoked} or {TrustRegistrySuspensionUnchanged}.
    function suspend(uint32 id) external virtual {
        Record storage r = _controlled(id);
        Suspension[] storage list = _suspensions[id];
        uint256 n = list.length;
        if (n != 0 && list[n - 1].until == 0) revert TrustRegistrySuspensionUnchanged(id, true);
        list.push(Suspension({from: _effective(), until: 0}));
        r.everSuspended = true;
        emit AccreditationSuspended(id, msg.sender, list[n].from);
    }

    /// @notice Lifts the current suspension of accreditation `id` from the next second on.
    /// Only the root authority or the holder of the parent accreditation may.
    /// @dev Emits {AccreditationReinstated}. Reverts with {TrustRegistryUnknownAccreditation},
    /// {TrustRegistryNotController}, {TrustRegistryAlreadyRevoked} or {TrustRegistrySuspensionUnchanged}.
    function reinstate(uint32 id) external virtual {
        _controlled(id);
        Suspension[] storage list = _suspensions[id];
        uint256 n = list.length;
        if (n == 0 || list[n - 1].until != 0) revert TrustRegistrySuspensionUnchanged(id, false);
        list[n - 1].until = _effective();
        emit AccreditationReinstated(id, msg.sender, list[n - 1].until);
    }

    /// @notice Revokes accreditation `id` for good from the next second on; its descendants stop being valid with it.
    /// Answers about moments before the revocation do not change.
    /// Only the root authority or the holder of the parent accreditation may.
    /// @dev Emits {AccreditationRevoked}. Reverts with {TrustRegistryUnknownAccreditation},
    /// {TrustRegistryNotController} or {TrustRegistryAlreadyRevoked}.
    function revoke(uint32 id) external virtual {
        Record storage r = _controlled(id);
        r.revokedAt = _effective();
        emit AccreditationRevoked(id, msg.sender, r.revokedAt);
    }

    /// @notice Whether `issuer` was accredited for `scope` at time `timestamp` (seconds since the epoch):
    /// some accreditation of `issuer` holding `scope` was, at that moment, inside its window, not revoked,
    /// not suspended, and so was every accreditation above it up to the root authority.
    /// @dev A view: free to call off chain. Answers about the past never change.
    function isAccredited(address issuer, bytes32 scope, uint256 timestamp) external view virtual returns (bool) {
        return accreditationAt(issuer, scope, timestamp) != 0;
    }

    /// @notice The id of an accreditation that made `issuer` accredited for `scope` at `timestamp` (the
    /// latest granted such one), or 0 when there is none; see {isAccredited}.
    function accreditationAt(address issuer, bytes32 scope, uint256 timestamp) public view virtual returns (uint32) {
        if (timestamp > type(uint40).max) return 0;
        uint32[] storage ids = _byIssuerScope[issuer][scope];
        for (uint256 i = ids.length; i > 0; --i) {
            uint32 id = ids[i - 1];
            if (_activeAt(id, uint40(timestamp))) return id;
        }
        return 0;
    }

    /// @notice Whether accreditation `id` and every accreditation above it were valid at `timestamp`.
    function isActiveAt(uint32 id, uint256 timestamp) external view virtual returns (bool) {
        if (id == 0 || id > _count || timestamp > type(uint40).max) return false;
        return _activeAt(id, uint40(timestamp));
    }

    /// @notice Accreditation `id` in full; reverts with {TrustRegistryUnknownAccreditation} when unknown.
    function getAccreditation(uint32 id) external view virtual returns (Accreditation memory a) {
        Record storage r = _record(id);
        uint256 n = _suspensions[id].length;
        a = Accreditation({
            issuer: r.issuer,
            parent: r.parent,
            depth: r.depth,
            canAccredit: r.canAccredit,
            validFrom: r.validFrom,
            validUntil: r.validUntil,
            revokedAt: r.revokedAt,
            suspended: n != 0 && _suspensions[id][n - 1].until == 0,
            scopes: _scopes[id]
        });
    }

    /// @notice Whether accreditation `id` holds `scope`.
    function hasScope(uint32 id, bytes32 scope) external view virtual returns (bool) {
        return _hasScope[id][scope];
    }

    /// @notice Every suspension interval of accreditation `id`, oldest first.
    function suspensionsOf(uint32 id) external view virtual returns (Suspension[] memory) {
        return _suspensions[id];
    }

    /// @notice The ids of every accreditation ever granted to `issuer`, oldest first.
    function accreditationsOf(address issuer) external view virtual returns (uint32[] memory) {
        return _byIssuer[issuer];
    }

    /// @notice How many accreditations were granted so far (the highest id).
    function accreditationCount() external view virtual returns (uint32) {
        return _count;
    }

    /// @notice Disabled: the root authority can only be handed over, in two steps.
    function renounceOwnership() public view virtual override onlyOwner {
        revert TrustRegistryRenounceDisabled();
    }

    /// @dev When a suspension, reinstatement or revocation made in this block takes effect.
    function _effective() private view returns (uint40) {
        return uint40(block.timestamp) + 1;
    }

    function _record(uint32 id) private view returns (Record storage r) {
        r = _records[id];
        if (r.issuer == address(0)) revert TrustRegistryUnknownAccreditation(id);
    }

    /// @dev The record of `id` after checking that the caller controls it and it is not revoked.
    function _controlled(uint32 id) private view returns (Record storage r) {
        r = _record(id);
        if (msg.sender != owner() && (r.parent == 0 || _records[r.parent].issuer != msg.sender)) {
            revert TrustRegistryNotController(msg.sender, id);
        }
        if (r.revokedAt != 0) revert TrustRegistryAlreadyRevoked(id);
    }

    /// @dev Walks from `id` up to the root: every level inside its window, not revoked, not suspended at `t`.
    function _activeAt(uint32 id, uint40 t) private view returns (bool) {
        while (id != 0) {
            Record storage r = _records[id];
            if (t < r.validFrom || t >= r.validUntil) return false;
            uint40 revokedAt = r.revokedAt;
            if (revokedAt != 0 && t >= revokedAt) return false;
            if (r.everSuspended && _suspendedAt(id, t)) return false;
            id = r.parent;
        }
        return true;
    }

    function _suspendedAt(uint32 id, uint40 t) private view returns (bool) {
        Suspension[] storage list = _suspensions[id];
        for (uint256 i = list.length; i > 0; --i) {
            Suspension storage s = list[i - 1];
            if (t >= s.from) return s.until == 0 || t < s.until;
        }
        return false;
    }
}
