// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.29;

import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {TrustedIssuerRegistry} from "./TrustedIssuerRegistry.sol";

/// @title CreditScoreRegistry
/// @notice Where a credit bureau commits to its scores. A bureau accredited in the {TrustedIssuerRegistry} for
/// the bureau scope registers scoring model versions (the hash of the model's definition and a name) and, each
/// epoch, commits to every subject's score as one Merkle root, with the subject count and the model used.
/// An epoch found wrong is revoked, never rewritten.
///
/// The leaf of a subject's score is `keccak256(bytes.concat(keccak256(abi.encode(subject, scoreHash))))`,
/// `subject` the bytes32 pseudonym and `scoreHash` the hash of the off-chain score record (dimensions,
/// composite, model, epoch, salt) as the credit engine defines it; inner nodes are sorted pairs
/// (OpenZeppelin {MerkleProof}). See {isScoreIncluded}.
///
/// IMPORTANT: No personal data: subjects are random pseudonyms and scores stay off chain; only roots are here.
contract CreditScoreRegistry {
    /// @notice A model version as returned by {getModel}.
    struct Model {
        bytes32 modelHash;
        address bureau;
        uint40 registeredAt;
        string name;
    }

    /// @notice An epoch commitment as returned by {getEpoch}.
    struct Epoch {
        bytes32 root;
        bytes32 modelHash;
        uint32 subjectCount;
        uint40 publishedAt;
        uint40 revokedAt;
        bytes32 revocationReason;
    }

    struct ModelRecord {
        address bureau;
        uint40 registeredAt;
        string name;
    }

    TrustedIssuerRegistry private immutable _trust;
    bytes32 private immutable _bureauScope;

    mapping(bytes32 modelHash => ModelRecord) private _models;
    mapping(address bureau => mapping(uint64 epoch => Epoch)) private _epochs;
    mapping(address bureau => uint64) private _latestEpoch;

    /// @notice `bureau` registered model version `modelHash` named `name`.
    event ModelRegistered(bytes32 indexed modelHash, address indexed bureau, string name);
    /// @notice `bureau` committed epoch `epoch`'s scores of `subjectCount` subjects, computed with `modelHash`.
    event EpochPublished(
        address indexed bureau, uint64 indexed epoch, bytes32 indexed modelHash, bytes32 root, uint32 subjectCount
    );
    /// @notice `bureau`'s epoch `epoch` was revoked by `by` for `reason`.
    event EpochRevoked(address indexed bureau, uint64 indexed epoch, address indexed by, bytes32 reason);

    /// @notice `account` is not accredited as a credit bureau now.
    error CreditBureauNotAccredited(address account);
    /// @notice Model `modelHash` is registered already.
    error CreditModelExists(bytes32 modelHash);
    /// @notice Model `modelHash` is not registered.
    error CreditUnknownModel(bytes32 modelHash);
    /// @notice The model hash is zero or the name empty.
    error CreditInvalidModel(bytes32 modelHash);
    /// @notice Epoch numbers must grow: `latest` was published, `given` is not after it.
    error CreditEpochNotIncreasing(uint64 latest, uint64 given);
    /// @notice The root is zero or the subject count is zero.
    error CreditInvalidEpoch(uint64 epoch);
    /// @notice `bureau` published no epoch `epoch`.
    error CreditUnknownEpoch(address bureau, uint64 epoch);
    /// @notice `bureau`'s epoch `epoch` is already revoked.
    error CreditEpochAlreadyRevoked(address bureau, uint64 epoch);
    /// @notice `account` may not revoke `bureau`'s epochs: only the bureau itself or the root authority may.
    error CreditUnauthorized(address account, address bureau);

    /// @param trust the trust registry that accredits bureaus.
    /// @param bureauScope_ the scope id a bureau must be accredited for.
    constructor(TrustedIssuerRegistry trust, bytes32 bureauScope_) {
        _trust = trust;
        _bureauScope = bureauScope_;
    }

    /// @notice The trust registry this registry consults.
    function trustRegistry() external view returns (TrustedIssuerRegistry) {
        return _trust;
    }

    /// @notice The scope a bureau must be accredited for.
    function bureauScope() external view returns (bytes32) {
        return _bureauScope;
    }

    /// @notice Registers model version `modelHash` (the hash of the model's full definition) named `name`.
    /// The caller must be accredited for the bureau scope now.
    /// @dev Emits {ModelRegistered}. Reverts with {CreditInvalidModel}, {CreditModelExists} or
    /// {CreditBureauNotAccredited}.
    function registerModel(bytes32 modelHash, string calldata name) external {
        if (modelHash == bytes32(0) || bytes(name).length == 0) revert CreditInvalidModel(modelHash);
        if (_models[modelHash].bureau != address(0)) revert CreditModelExists(modelHash);
        _onlyBureau();
        _models[modelHash] = ModelRecord({bureau: msg.sender, registeredAt: uint40(block.timestamp), name: name});
        emit ModelRegistered(modelHash, msg.sender, name);
    }

    /// @notice Commits the caller's scores for epoch `epoch`: Merkle root `root` over `subjectCount` subjects,
    /// computed with the registered model `modelHash`. Epoch numbers grow per bureau. The caller must be
    /// accredited for the bureau scope now.
    /// @dev Emits {EpochPublished}. Reverts with {CreditInvalidEpoch}, {CreditEpochNotIncreasing},
    /// {CreditUnknownModel} or {CreditBureauNotAccredited}.
    function publishEpoch(uint64 epoch, bytes32 modelHash, bytes32 root, uint32 subjectCount) external {
        if (root == bytes32(0) || subjectCount == 0) revert CreditInvalidEpoch(epoch);
        uint64 latest = _latestEpoch[msg.sender];
        if (epoch <= latest) revert CreditEpochNotIncreasing(latest, epoch);
        if (_models[modelHash].bureau == address(0)) revert CreditUnknownModel(modelHash);
        _onlyBureau();
        _latestEpoch[msg.sender] = epoch;
        _epochs[msg.sender][epoch] = Epoch({
            root: root,
            modelHash: modelHash,
            subjectCount: subjectCount,
            publishedAt: uint40(block.timestamp),
            revokedAt: 0,
            revocationReason: bytes32(0)
        });
        emit EpochPublished(msg.sender, epoch, modelHash, root, subjectCount);
    }

    /// @notice Revokes `bureau`'s epoch `epoch` for `reason` (a short code, e.g. "model-error"). The bureau
    /// itself or the root authority may.
    /// @dev Emits {EpochRevoked}. Reverts with {CreditUnauthorized}, {CreditUnknownEpoch} or
    /// {CreditEpochAlreadyRevoked}.
    function revokeEpoch(address bureau, uint64 epoch, bytes32 reason) external {
        if (msg.sender != bureau && msg.sender != _trust.owner()) revert CreditUnauthorized(msg.sender, bureau);
        Epoch storage e = _epochs[bureau][epoch];
        if (e.publishedAt == 0) revert CreditUnknownEpoch(bureau, epoch);
        if (e.revokedAt != 0) revert CreditEpochAlreadyRevoked(bureau, epoch);
        e.revokedAt = uint40(block.timestamp);
        e.revocationReason = reason;
        emit EpochRevoked(bureau, epoch, msg.sender, reason);
    }

    /// @notice `bureau`'s epoch `epoch`; reverts with {CreditUnknownEpoch} when unknown.
    function getEpoch(address bureau, uint64 epoch) external view returns (Epoch memory e) {
        e = _epochs[bureau][epoch];
        if (e.publishedAt == 0) revert CreditUnknownEpoch(bureau, epoch);
    }

    /// @notice The latest epoch number `bureau` published (0 = none).
    function latestEpoch(address bureau) external view returns (uint64) {
        return _latestEpoch[bureau];
    }

    /// @notice Model version `modelHash`; reverts with {CreditUnknownModel} when unknown.
    function getModel(bytes32 modelHash) external view returns (Model memory) {
        ModelRecord storage m = _models[modelHash];
        if (m.bureau == address(0)) revert CreditUnknownModel(modelHash);
        return Model({modelHash: modelHash, bureau: m.bureau, registeredAt: m.registeredAt, name: m.name});
    }

    /// @notice The leaf of `subject`'s score record `scoreHash`.
    function scoreLeaf(bytes32 subject, bytes32 scoreHash) public pure returns (bytes32) {
        return keccak256(bytes.concat(keccak256(abi.encode(subject, scoreHash))));
    }

    /// @notice Whether `subject`'s score record `scoreHash` is committed in `bureau`'s epoch `epoch` and the
    /// epoch is not revoked.
    function isScoreIncluded(address bureau, uint64 epoch, bytes32 subject, bytes32 scoreHash, bytes32[] calldata proof)
        external
        view
        returns (bool)
    {
        Epoch storage e = _epochs[bureau][epoch];
        if (e.publishedAt == 0 || e.revokedAt != 0) return false;
        return MerkleProof.verifyCalldata(proof, e.root, scoreLeaf(subject, scoreHash));
    }

    function _onlyBureau() private view {
        if (!_trust.isAccredited(msg.sender, _bureauScope, block.timestamp)) revert CreditBureauNotAccredited(msg.sender);
    }
}
