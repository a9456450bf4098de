// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.29;

/// @title StatusListAnchors
/// @notice Issuers anchor the digest of each published version of a W3C Bitstring Status List, so a
/// verifier can tell that the list it fetched is the one the issuer published, now or at any earlier
/// version. Each issuer writes only under its own address; whether the issuer is trusted is the
/// {TrustedIssuerRegistry}'s question, asked by the verifier. Only digests are stored:
/// a status list holds no personal data, and neither does this contract.
contract StatusListAnchors {
    struct Anchor {
        uint64 version;
        uint64 anchoredAt;
        bytes32 digest;
    }

    /// @dev issuer => list id => latest anchor
    mapping(address issuer => mapping(bytes32 listId => Anchor)) private _latest;
    /// @dev issuer => list id => version => digest (every version, never overwritten)
    mapping(address issuer => mapping(bytes32 listId => mapping(uint64 version => bytes32))) private _digests;

    /// @notice Emitted for every anchored version; the event log is the list's full history.
    event StatusListAnchored(address indexed issuer, bytes32 indexed listId, uint64 version, bytes32 digest);

    /// @notice The version must grow with every anchor, so an old list cannot be replayed as current.
    error StatusListVersionNotIncreasing(bytes32 listId, uint64 latest, uint64 given);
    /// @notice A zero digest would read as "never anchored".
    error StatusListEmptyDigest(bytes32 listId);

    /// @notice Anchors `digest` as version `version` of the caller's list `listId`.
    /// @dev Emits {StatusListAnchored}. Reverts with {StatusListVersionNotIncreasing} or {StatusListEmptyDigest}.
    function anchor(bytes32 listId, uint64 version, bytes32 digest) external {
        if (digest == bytes32(0)) revert StatusListEmptyDigest(listId);
        Anchor storage current = _latest[msg.sender][listId];
        if (version <= current.version) revert StatusListVersionNotIncreasing(listId, current.version, version);
        current.version = version;
        current.anchoredAt = uint64(block.timestamp);
        current.digest = digest;
        _digests[msg.sender][listId][version] = digest;
        emit StatusListAnchored(msg.sender, listId, version, digest);
    }

    /// @notice The latest anchored version of `issuer`'s list `listId`; all zero when never anchored.
    function latest(address issuer, bytes32 listId)
        external
        view
        returns (uint64 version, bytes32 digest, uint64 anchoredAt)
    {
        Anchor storage a = _latest[issuer][listId];
        return (a.version, a.digest, a.anchoredAt);
    }

    /// @notice The digest `issuer` anchored as version `version` of its list `listId`; zero when never anchored.
    function digestAt(address issuer, bytes32 listId, uint64 version) external view returns (bytes32) {
        return _digests[issuer][listId][version];
    }
}
