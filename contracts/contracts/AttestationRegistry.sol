// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.29;

import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {TrustedIssuerRegistry} from "./TrustedIssuerRegistry.sol";

/// @title AttestationRegistry
/// @notice Credit-relevant attestations about pseudonymous subjects, written by attestors (tax bureau, social
/// insurance, utilities, banks, courts) that the {TrustedIssuerRegistry} accredits for the attestation's
/// schema at the moment of writing.
///
/// - Schemas are registered by the root authority of the trust registry: an id, the credit dimension it
///   feeds, what its value means, and whether its attestations may be revoked.
/// - A single attestation ({attest}) is stored in one slot (attester, schema, value, issue and expiry time)
///   under the id `keccak256(abi.encode(subject, n))`, n being the subject's attestation counter, so that
///   the attestations about a subject can be listed on chain. The commitment to the off-chain record is in
///   the {Attested} event.
/// - Many attestations are anchored at once as one Merkle root ({anchorBatch}); anyone checks a member on
///   chain with {verifyBatchEntry}. The leaf of an entry is
///   `keccak256(bytes.concat(keccak256(abi.encode(schema, subject, value, expiresAt, commitment))))`
///   with `schema` bytes32, `subject` bytes32, `value` int16, `expiresAt` uint32, `commitment` bytes32; the
///   inner nodes are hashed as sorted pairs (OpenZeppelin {MerkleProof}; the `StandardMerkleTree` of the npm package openzeppelin/merkle-tree,
///   given those leaf types, builds the same leaves and tree). Hashing twice keeps a 64-byte
///   inner node from passing as a leaf.
///
/// IMPORTANT: No personal data. `subject` is a random pseudonym issued to the person inside their identity
/// credential (never a hash of an ID number, name, phone or birth date); `commitment` is a salted hash of the
/// off-chain record, which stays with the attestor.
///
/// Times are uint32 seconds (valid until 2106); `expiresAt` = 0 means "does not expire".
contract AttestationRegistry {
    /// @notice A schema as returned by {getSchema}.
    struct Schema {
        bytes32 id;
        bytes32 dimension;
        string valueMeaning;
        bool revocable;
        uint16 index;
        uint40 registeredAt;
    }

    /// @notice A single attestation as returned by {getAttestation}.
    struct Attestation {
        bytes32 schema;
        address attester;
        int16 value;
        uint32 issuedAt;
        uint32 expiresAt;
        uint32 revokedAt;
    }

    /// @notice An anchored batch as returned by {getBatch}.
    struct Batch {
        bytes32 schema;
        bytes32 root;
        address attester;
        uint32 size;
        uint32 anchoredAt;
        uint32 revokedAt;
    }

    /// @dev One slot: what {attest} writes besides the subject counter.
    struct Record {
        address attester;
        uint32 issuedAt;
        uint32 expiresAt;
        uint16 schemaIndex;
        int16 value;
    }

    struct SchemaRecord {
        uint16 index; // 1-based; 0 = not registered
        bool revocable;
        uint40 registeredAt;
        bytes32 dimension;
        string valueMeaning;
    }

    struct BatchRecord {
        address attester;
        uint32 anchoredAt;
        uint32 size;
        uint16 schemaIndex;
        bytes32 root;
    }

    /// @notice The most schemas that can be registered (the schema index is 16 bits, 0 unused).
    uint256 public constant MAX_SCHEMAS = type(uint16).max;

    TrustedIssuerRegistry private immutable _trust;

    bytes32[] private _schemaIds; // index - 1 => id
    mapping(bytes32 schema => SchemaRecord) private _schemas;
    /// @dev Per subject, one slot: the attestation count (low 64 bits) and the fingerprint of the latest
    /// attestation (high 192 bits), so that an immediate resubmission is refused at no extra storage cost.
    mapping(bytes32 subject => uint256) private _subjects;
    mapping(bytes32 id => Record) private _records;
    mapping(bytes32 id => uint32) private _revokedAt;
    mapping(bytes32 batchId => BatchRecord) private _batches;
    mapping(bytes32 batchId => uint32) private _batchRevokedAt;
    mapping(bytes32 batchId => mapping(bytes32 leaf => uint32)) private _entryRevokedAt;

    /// @notice Schema `schema` was registered, feeding credit dimension `dimension`.
    event SchemaRegistered(bytes32 indexed schema, uint16 index, bytes32 dimension, string valueMeaning, bool revocable);
    /// @notice `attester` attested `value` under `schema` about `subject`; `commitment` binds the off-chain record.
    event Attested(
        bytes32 indexed id,
        bytes32 indexed schema,
        bytes32 indexed subject,
        address attester,
        int16 value,
        uint32 expiresAt,
        bytes32 commitment
    );
    /// @notice Attestation `id` was revoked by its attester.
    event AttestationRevoked(bytes32 indexed id, address indexed attester);
    /// @notice `attester` anchored batch `batchId`: `size` entries of `schema` under Merkle root `root`.
    event BatchAnchored(bytes32 indexed batchId, bytes32 indexed schema, address indexed attester, bytes32 root, uint32 size);
    /// @notice Every entry of batch `batchId` was revoked by its attester.
    event BatchRevoked(bytes32 indexed batchId, address indexed attester);
    /// @notice The entry with leaf `leaf` of batch `batchId` was revoked by its attester.
    event BatchEntryRevoked(bytes32 indexed batchId, bytes32 indexed leaf, address indexed attester);

    /// @notice `account` is not the trust registry's root authority.
    error AttestationUnauthorized(address account);
    /// @notice Schema `schema` is already registered.
    error AttestationSchemaExists(bytes32 schema);
    /// @notice Schema `schema` is not registered.
    error AttestationUnknownSchema(bytes32 schema);
    /// @notice The schema id is zero, or {MAX_SCHEMAS} schemas exist already.
    error AttestationInvalidSchema(bytes32 schema);
    /// @notice `attester` is not accredited for `schema` now.
    error AttestationAttesterNotAccredited(address attester, bytes32 schema);
    /// @notice The subject is the zero pseudonym.
    error AttestationZeroSubject();
    /// @notice `expiresAt` is not in the future (and not 0, "never").
    error AttestationInvalidExpiry(uint32 expiresAt);
    /// @notice No attestation has id `id`.
    error AttestationUnknown(bytes32 id);
    /// @notice `account` is not the attester of attestation or batch `id`.
    error AttestationNotAttester(address account, bytes32 id);
    /// @notice Schema `schema` is not revocable.
    error AttestationNotRevocable(bytes32 schema);
    /// @notice Attestation, batch or batch entry `id` is already revoked.
    error AttestationAlreadyRevoked(bytes32 id);
    /// @notice The same attester just attested the same schema, value, expiry and commitment about this subject,
    /// as attestation `id`: a resubmission, refused so that a retried attestation is never written twice.
    error AttestationDuplicate(bytes32 id);
    /// @notice A batch needs a non-zero root and at least one entry.
    error AttestationInvalidBatch(bytes32 root, uint32 size);
    /// @notice The caller already anchored root `root` (as batch `batchId`).
    error AttestationBatchExists(bytes32 batchId, bytes32 root);
    /// @notice No batch has id `batchId`.
    error AttestationUnknownBatch(bytes32 batchId);

    /// @param trust the trust registry that accredits attesters and whose root authority registers schemas.
    constructor(TrustedIssuerRegistry trust) {
        _trust = trust;
    }

    /// @notice The trust registry this registry consults.
    function trustRegistry() external view returns (TrustedIssuerRegistry) {
        return _trust;
    }

    /// @notice Registers schema `schema`. Only the trust registry's root authority may.
    /// @param schema the schema id (e.g. keccak256 of a schema URI); non-zero.
    /// @param dimension the credit dimension the schema feeds (e.g. "compliance", as bytes32).
    /// @param valueMeaning what an attestation's value means (e.g. "months of on-time tax payment, 0-120").
    /// @param revocable whether attestations under the schema may be revoked by their attester.
    /// @return index the schema's 1-based index.
    /// @dev Emits {SchemaRegistered}. Reverts with {AttestationUnauthorized}, {AttestationInvalidSchema} or
    /// {AttestationSchemaExists}.
    function registerSchema(bytes32 schema, bytes32 dimension, string calldata valueMeaning, bool revocable)
        external
        returns (uint16 index)
    {
        if (msg.sender != _trust.owner()) revert AttestationUnauthorized(msg.sender);
        if (schema == bytes32(0) || _schemaIds.length >= MAX_SCHEMAS) revert AttestationInvalidSchema(schema);
        SchemaRecord storage s = _schemas[schema];
        if (s.index != 0) revert AttestationSchemaExists(schema);
        _schemaIds.push(schema);
        index = uint16(_schemaIds.length);
        s.index = index;
        s.revocable = revocable;
        s.registeredAt = uint40(block.timestamp);
        s.dimension = dimension;
        s.valueMeaning = valueMeaning;
        emit SchemaRegistered(schema, index, dimension, valueMeaning, revocable);
    }

    /// @notice Attests `value` under `schema` about the pseudonymous `subject`. The caller must be accredited for
    /// `schema` now in the trust registry.
    /// @param schema a registered schema id.
    /// @param subject the subject's random pseudonym (never derived from personal data); non-zero.
    /// @param value the attested value, as the schema's `valueMeaning` defines it.
    /// @param expiresAt when the attestation stops counting (uint32 seconds), or 0 for never.
    /// @param commitment a salted hash of the off-chain record; emitted, not stored.
    /// @return id `keccak256(abi.encode(subject, n))`, n the subject's previous attestation count.
    /// NOTE: An attestation identical (attester, schema, value, expiry, commitment) to the subject's latest one is
    /// refused with {AttestationDuplicate}: a client that retries after a lost receipt learns the id instead of
    /// writing twice. Commitments are salted, so two genuine records never share one.
    /// @dev Emits {Attested}. Reverts with {AttestationZeroSubject}, {AttestationInvalidExpiry},
    /// {AttestationUnknownSchema}, {AttestationAttesterNotAccredited} or {AttestationDuplicate}.
    function attest(bytes32 schema, bytes32 subject, int16 value, uint32 expiresAt, bytes32 commitment)
        external
        returns (bytes32 id)
    {
        if (subject == bytes32(0)) revert AttestationZeroSubject();
        if (expiresAt != 0 && expiresAt <= block.timestamp) revert AttestationInvalidExpiry(expiresAt);
        uint16 schemaIndex = _schemas[schema].index;
        if (schemaIndex == 0) revert AttestationUnknownSchema(schema);
        if (!_trust.isAccredited(msg.sender, schema, block.timestamp)) {
            revert AttestationAttesterNotAccredited(msg.sender, schema);
        }
        uint256 packed = _subjects[subject];
        uint256 n = uint64(packed);
        uint256 fingerprint = uint256(keccak256(abi.encode(msg.sender, schema, value, expiresAt, commitment))) >> 64;
        if (n != 0 && packed >> 64 == fingerprint) revert AttestationDuplicate(_attestationId(subject, n - 1));
        unchecked {
            // Fewer than 2^64 attestations about one subject: each costs a transaction.
            _subjects[subject] = (fingerprint << 64) | (n + 1);
        }
        id = _attestationId(subject, n);
        _records[id] = Record({
            attester: msg.sender,
            issuedAt: uint32(block.timestamp),
            expiresAt: expiresAt,
            schemaIndex: schemaIndex,
            value: value
        });
        emit Attested(id, schema, subject, msg.sender, value, expiresAt, commitment);
    }

    /// @notice Revokes attestation `id`. Only its attester may, and only under a revocable schema.
    /// @dev Emits {AttestationRevoked}. Reverts with {AttestationUnknown}, {AttestationNotAttester},
    /// {AttestationNotRevocable} or {AttestationAlreadyRevoked}.
    function revoke(bytes32 id) external {
        Record storage r = _records[id];
        address attester = r.attester;
        if (attester == address(0)) revert AttestationUnknown(id);
        if (attester != msg.sender) revert AttestationNotAttester(msg.sender, id);
        bytes32 schema = _schemaIds[r.schemaIndex - 1];
        if (!_schemas[schema].revocable) revert AttestationNotRevocable(schema);
        if (_revokedAt[id] != 0) revert AttestationAlreadyRevoked(id);
        _revokedAt[id] = uint32(block.timestamp);
        emit AttestationRevoked(id, msg.sender);
    }

    /// @notice Anchors `size` attestations under `schema` at once as the Merkle root `root` (leaf encoding in
    /// the contract description). The caller must be accredited for `schema` now.
    /// @return batchId `keccak256(abi.encode(attester, root))`.
    /// @dev Emits {BatchAnchored}. Reverts with {AttestationInvalidBatch}, {AttestationUnknownSchema},
    /// {AttestationAttesterNotAccredited} or {AttestationBatchExists}.
    function anchorBatch(bytes32 schema, bytes32 root, uint32 size) external returns (bytes32 batchId) {
        if (root == bytes32(0) || size == 0) revert AttestationInvalidBatch(root, size);
        uint16 schemaIndex = _schemas[schema].index;
        if (schemaIndex == 0) revert AttestationUnknownSchema(schema);
        if (!_trust.isAccredited(msg.sender, schema, block.timestamp)) {
            revert AttestationAttesterNotAccredited(msg.sender, schema);
        }
        batchId = keccak256(abi.encode(msg.sender, root));
        BatchRecord storage b = _batches[batchId];
        if (b.attester != address(0)) revert AttestationBatchExists(batchId, root);
        b.attester = msg.sender;
        b.anchoredAt = uint32(block.timestamp);
        b.size = size;
        b.schemaIndex = schemaIndex;
        b.root = root;
        emit BatchAnchored(batchId, schema, msg.sender, root, size);
    }

    /// @notice Revokes every entry of batch `batchId`. Only its attester may, under a revocable schema.
    /// @dev Emits {BatchRevoked}. Reverts with {AttestationUnknownBatch}, {AttestationNotAttester},
    /// {AttestationNotRevocable} or {AttestationAlreadyRevoked}.
    function revokeBatch(bytes32 batchId) external {
        _checkBatchRevoker(batchId);
        if (_batchRevokedAt[batchId] != 0) revert AttestationAlreadyRevoked(batchId);
        _batchRevokedAt[batchId] = uint32(block.timestamp);
        emit BatchRevoked(batchId, msg.sender);
    }

    /// @notice Revokes one entry, by its leaf hash, of batch `batchId`. Only its attester may, under a
    /// revocable schema.
    /// @dev Emits {BatchEntryRevoked}. Reverts with {AttestationUnknownBatch}, {AttestationNotAttester},
    /// {AttestationNotRevocable} or {AttestationAlreadyRevoked}.
    function revokeBatchEntry(bytes32 batchId, bytes32 leaf) external {
        _checkBatchRevoker(batchId);
        if (_entryRevokedAt[batchId][leaf] != 0) revert AttestationAlreadyRevoked(leaf);
        _entryRevokedAt[batchId][leaf] = uint32(block.timestamp);
        emit BatchEntryRevoked(batchId, leaf, msg.sender);
    }

    /// @notice The leaf of a batch entry: `keccak256(bytes.concat(keccak256(abi.encode(schema, subject, value,
    /// expiresAt, commitment))))`.
    function batchLeaf(bytes32 schema, bytes32 subject, int16 value, uint32 expiresAt, bytes32 commitment)
        public
        pure
        returns (bytes32)
    {
        return keccak256(bytes.concat(keccak256(abi.encode(schema, subject, value, expiresAt, commitment))));
    }

    /// @notice Whether the entry is in batch `batchId` (Merkle inclusion only; see {verifyBatchEntry}).
    function isInBatch(
        bytes32 batchId,
        bytes32 subject,
        int16 value,
        uint32 expiresAt,
        bytes32 commitment,
        bytes32[] calldata proof
    ) public view returns (bool) {
        BatchRecord storage b = _batches[batchId];
        if (b.attester == address(0)) return false;
        bytes32 leaf = batchLeaf(_schemaIds[b.schemaIndex - 1], subject, value, expiresAt, commitment);
        return MerkleProof.verifyCalldata(proof, b.root, leaf);
    }

    /// @notice Whether the entry is in batch `batchId` and counts now: batch and entry not revoked, entry not
    /// expired. (The attester was accredited for the schema when the batch was anchored.)
    function verifyBatchEntry(
        bytes32 batchId,
        bytes32 subject,
        int16 value,
        uint32 expiresAt,
        bytes32 commitment,
        bytes32[] calldata proof
    ) external view returns (bool) {
        if (!isInBatch(batchId, subject, value, expiresAt, commitment, proof)) return false;
        if (_batchRevokedAt[batchId] != 0) return false;
        if (expiresAt != 0 && expiresAt <= block.timestamp) return false;
        bytes32 leaf = batchLeaf(_schemaIds[_batches[batchId].schemaIndex - 1], subject, value, expiresAt, commitment);
        return _entryRevokedAt[batchId][leaf] == 0;
    }

    /// @notice When the entry with leaf `leaf` of batch `batchId` was revoked (0 = not revoked).
    function batchEntryRevokedAt(bytes32 batchId, bytes32 leaf) external view returns (uint32) {
        return _entryRevokedAt[batchId][leaf];
    }

    /// @notice Batch `batchId`; reverts with {AttestationUnknownBatch} when unknown.
    function getBatch(bytes32 batchId) external view returns (Batch memory) {
        BatchRecord storage b = _batches[batchId];
        if (b.attester == address(0)) revert AttestationUnknownBatch(batchId);
        return Batch({
            schema: _schemaIds[b.schemaIndex - 1],
            root: b.root,
            attester: b.attester,
            size: b.size,
            anchoredAt: b.anchoredAt,
            revokedAt: _batchRevokedAt[batchId]
        });
    }

    /// @notice Attestation `id`; reverts with {AttestationUnknown} when unknown.
    function getAttestation(bytes32 id) public view returns (Attestation memory) {
        Record storage r = _records[id];
        if (r.attester == address(0)) revert AttestationUnknown(id);
        return Attestation({
            schema: _schemaIds[r.schemaIndex - 1],
            attester: r.attester,
            value: r.value,
            issuedAt: r.issuedAt,
            expiresAt: r.expiresAt,
            revokedAt: _revokedAt[id]
        });
    }

    /// @notice Whether attestation `id` exists and counts now: not revoked, not expired.
    function isValid(bytes32 id) external view returns (bool) {
        Record storage r = _records[id];
        if (r.attester == address(0) || _revokedAt[id] != 0) return false;
        return r.expiresAt == 0 || r.expiresAt > block.timestamp;
    }

    /// @notice How many single attestations were written about `subject`.
    function attestationCountOf(bytes32 subject) external view returns (uint256) {
        return uint64(_subjects[subject]);
    }

    /// @notice The id of the `index`-th (0-based) attestation about `subject`, whether or not it exists yet.
    function attestationIdOf(bytes32 subject, uint256 index) external pure returns (bytes32) {
        return _attestationId(subject, index);
    }

    /// @notice Up to `limit` attestation ids about `subject`, from the `offset`-th on, oldest first.
    function attestationsOf(bytes32 subject, uint256 offset, uint256 limit) external view returns (bytes32[] memory ids) {
        uint256 count = uint64(_subjects[subject]);
        if (offset >= count) return new bytes32[](0);
        uint256 n = count - offset < limit ? count - offset : limit;
        ids = new bytes32[](n);
        for (uint256 i = 0; i < n; ++i) {
            ids[i] = _attestationId(subject, offset + i);
        }
    }

    /// @notice Schema `schema`; reverts with {AttestationUnknownSchema} when unknown.
    function getSchema(bytes32 schema) external view returns (Schema memory) {
        SchemaRecord storage s = _schemas[schema];
        if (s.index == 0) revert AttestationUnknownSchema(schema);
        return Schema({
            id: schema,
            dimension: s.dimension,
            valueMeaning: s.valueMeaning,
            revocable: s.revocable,
            index: s.index,
            registeredAt: s.registeredAt
        });
    }

    /// @notice How many schemas are registered.
    function schemaCount() external view returns (uint256) {
        return _schemaIds.length;
    }

    /// @notice The id of the schema with 1-based index `index`.
    function schemaAt(uint16 index) external view returns (bytes32) {
        if (index == 0 || index > _schemaIds.length) revert AttestationUnknownSchema(bytes32(0));
        return _schemaIds[index - 1];
    }

    function _checkBatchRevoker(bytes32 batchId) private view {
        BatchRecord storage b = _batches[batchId];
        address attester = b.attester;
        if (attester == address(0)) revert AttestationUnknownBatch(batchId);
        if (attester != msg.sender) revert AttestationNotAttester(msg.sender, batchId);
        bytes32 schema = _schemaIds[b.schemaIndex - 1];
        if (!_schemas[schema].revocable) revert AttestationNotRevocable(schema);
    }

    function _attestationId(bytes32 subject, uint256 n) private pure returns (bytes32) {
        return keccak256(abi.encode(subject, n));
    }
}
