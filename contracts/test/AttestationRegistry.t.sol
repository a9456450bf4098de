// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.29;

import {TrustedIssuerRegistry} from "../contracts/TrustedIssuerRegistry.sol";
import {AttestationRegistry} from "../contracts/AttestationRegistry.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {TestBase} from "./utils/Vm.sol";

contract AttestationRegistryTest is TestBase {
    TrustedIssuerRegistry private trust;
    AttestationRegistry private reg;

    address private constant ATTESTOR = address(0xA77);
    address private constant OTHER = address(0x0CC);
    bytes32 private constant SCHEMA = keccak256("schema:tax-on-time");
    bytes32 private constant FIXED = keccak256("schema:court-judgement");
    bytes32 private constant UNKNOWN = keccak256("schema:none");
    bytes32 private constant DIM = bytes32("compliance");
    bytes32 private constant SUBJECT = keccak256("random pseudonym 1");
    uint40 private constant T0 = 1_000_000;
    uint32 private accId;

    function setUp() public {
        vm.warp(T0);
        trust = new TrustedIssuerRegistry(address(this));
        reg = new AttestationRegistry(trust);
        bytes32[] memory scopes = new bytes32[](2);
        scopes[0] = SCHEMA;
        scopes[1] = FIXED;
        accId = trust.accredit(ATTESTOR, scopes, 0, FOREVER, false, 0);
        reg.registerSchema(SCHEMA, DIM, "months paid on time", true);
        reg.registerSchema(FIXED, bytes32("legal"), "judgement count", false);
    }

    // ---------------------------------------------------------------- schemas

    function test_registerSchema() public {
        bytes32 s = keccak256("schema:new");
        vm.expectEmit();
        emit AttestationRegistry.SchemaRegistered(s, 3, DIM, "meaning", true);
        uint16 index = reg.registerSchema(s, DIM, "meaning", true);
        assertEq(index, 3, "index");
        AttestationRegistry.Schema memory got = reg.getSchema(s);
        assertEq(got.id, s, "id");
        assertEq(got.dimension, DIM, "dimension");
        assertTrue(keccak256(bytes(got.valueMeaning)) == keccak256("meaning"), "meaning");
        assertTrue(got.revocable, "revocable");
        assertEq(got.index, 3, "index");
        assertEq(got.registeredAt, T0, "registeredAt");
        assertEq(reg.schemaCount(), 3, "count");
        assertEq(reg.schemaAt(3), s, "schemaAt");
        assertEq(address(reg.trustRegistry()), address(trust), "trustRegistry");
    }

    function test_revert_schemaRegistration() public {
        vm.prank(OTHER);
        vm.expectRevert(abi.encodeWithSelector(AttestationRegistry.AttestationUnauthorized.selector, OTHER));
        reg.registerSchema(keccak256("x"), DIM, "m", true);
        vm.expectRevert(abi.encodeWithSelector(AttestationRegistry.AttestationInvalidSchema.selector, bytes32(0)));
        reg.registerSchema(bytes32(0), DIM, "m", true);
        vm.expectRevert(abi.encodeWithSelector(AttestationRegistry.AttestationSchemaExists.selector, SCHEMA));
        reg.registerSchema(SCHEMA, DIM, "m", true);
        vm.expectRevert(abi.encodeWithSelector(AttestationRegistry.AttestationUnknownSchema.selector, UNKNOWN));
        reg.getSchema(UNKNOWN);
        vm.expectRevert(abi.encodeWithSelector(AttestationRegistry.AttestationUnknownSchema.selector, bytes32(0)));
        reg.schemaAt(0);
        vm.expectRevert(abi.encodeWithSelector(AttestationRegistry.AttestationUnknownSchema.selector, bytes32(0)));
        reg.schemaAt(3);
    }

    // ---------------------------------------------------------------- single attestations

    function test_attestStoresAndEmits() public {
        bytes32 expectedId = keccak256(abi.encode(SUBJECT, uint256(0)));
        vm.expectEmit();
        emit AttestationRegistry.Attested(expectedId, SCHEMA, SUBJECT, ATTESTOR, -3, uint32(T0 + 100), keccak256("record"));
        vm.prank(ATTESTOR);
        bytes32 id = reg.attest(SCHEMA, SUBJECT, -3, uint32(T0 + 100), keccak256("record"));
        assertEq(id, expectedId, "id");
        AttestationRegistry.Attestation memory a = reg.getAttestation(id);
        assertEq(a.schema, SCHEMA, "schema");
        assertEq(a.attester, ATTESTOR, "attester");
        assertEq(int256(a.value), -3, "value");
        assertEq(a.issuedAt, T0, "issuedAt");
        assertEq(a.expiresAt, T0 + 100, "expiresAt");
        assertEq(a.revokedAt, 0, "revokedAt");
        assertTrue(reg.isValid(id), "valid");
        vm.warp(T0 + 100);
        assertFalse(reg.isValid(id), "expired");
        assertFalse(reg.isValid(bytes32(uint256(1))), "unknown is not valid");
    }

    function test_readsBySubject() public {
        vm.startPrank(ATTESTOR);
        bytes32 a = reg.attest(SCHEMA, SUBJECT, 1, 0, bytes32(uint256(1)));
        bytes32 b = reg.attest(FIXED, SUBJECT, 2, 0, bytes32(uint256(2)));
        bytes32 c = reg.attest(SCHEMA, SUBJECT, 3, 0, bytes32(uint256(3)));
        reg.attest(SCHEMA, keccak256("someone else"), 4, 0, bytes32(uint256(4)));
        vm.stopPrank();
        assertEq(reg.attestationCountOf(SUBJECT), 3, "count");
        assertEq(reg.attestationIdOf(SUBJECT, 1), b, "idOf");
        bytes32[] memory all = reg.attestationsOf(SUBJECT, 0, 10);
        assertEq(all.length, 3, "all");
        assertEq(all[0], a, "first");
        assertEq(all[2], c, "third");
        bytes32[] memory page = reg.attestationsOf(SUBJECT, 1, 1);
        assertEq(page.length, 1, "page");
        assertEq(page[0], b, "page item");
        assertEq(reg.attestationsOf(SUBJECT, 3, 10).length, 0, "past the end");
        assertTrue(reg.isValid(a), "never expires");
    }

    function test_revert_attest() public {
        vm.startPrank(ATTESTOR);
        vm.expectRevert(AttestationRegistry.AttestationZeroSubject.selector);
        reg.attest(SCHEMA, bytes32(0), 1, 0, bytes32(0));
        vm.expectRevert(abi.encodeWithSelector(AttestationRegistry.AttestationInvalidExpiry.selector, uint32(T0)));
        reg.attest(SCHEMA, SUBJECT, 1, uint32(T0), bytes32(0));
        vm.expectRevert(abi.encodeWithSelector(AttestationRegistry.AttestationUnknownSchema.selector, UNKNOWN));
        reg.attest(UNKNOWN, SUBJECT, 1, 0, bytes32(0));
        vm.stopPrank();
        vm.prank(OTHER);
        vm.expectRevert(abi.encodeWithSelector(AttestationRegistry.AttestationAttesterNotAccredited.selector, OTHER, SCHEMA));
        reg.attest(SCHEMA, SUBJECT, 1, 0, bytes32(0));
    }

    function test_revert_immediateResubmissionIsADuplicate() public {
        vm.startPrank(ATTESTOR);
        bytes32 id = reg.attest(SCHEMA, SUBJECT, 7, 0, keccak256("record 1"));
        vm.expectRevert(abi.encodeWithSelector(AttestationRegistry.AttestationDuplicate.selector, id));
        reg.attest(SCHEMA, SUBJECT, 7, 0, keccak256("record 1"));
        // Anything different is a new attestation: another commitment, value, schema or expiry.
        reg.attest(SCHEMA, SUBJECT, 7, 0, keccak256("record 2"));
        reg.attest(SCHEMA, SUBJECT, 7, 0, keccak256("record 1"));
        vm.stopPrank();
        assertEq(reg.attestationCountOf(SUBJECT), 3, "three written");
    }

    function test_revert_attestWhileSuspendedThenAgainAfterReinstatement() public {
        trust.suspend(accId);
        vm.warp(T0 + 1);
        vm.prank(ATTESTOR);
        vm.expectRevert(abi.encodeWithSelector(AttestationRegistry.AttestationAttesterNotAccredited.selector, ATTESTOR, SCHEMA));
        reg.attest(SCHEMA, SUBJECT, 1, 0, bytes32(0));
        trust.reinstate(accId);
        vm.warp(T0 + 2);
        vm.prank(ATTESTOR);
        reg.attest(SCHEMA, SUBJECT, 1, 0, bytes32(uint256(1)));
    }

    function test_revoke() public {
        vm.prank(ATTESTOR);
        bytes32 id = reg.attest(SCHEMA, SUBJECT, 1, 0, bytes32(0));
        vm.warp(T0 + 5);
        vm.expectEmit();
        emit AttestationRegistry.AttestationRevoked(id, ATTESTOR);
        vm.prank(ATTESTOR);
        reg.revoke(id);
        assertEq(reg.getAttestation(id).revokedAt, T0 + 5, "revokedAt");
        assertFalse(reg.isValid(id), "revoked is not valid");
    }

    function test_revert_revoke() public {
        vm.startPrank(ATTESTOR);
        bytes32 id = reg.attest(SCHEMA, SUBJECT, 1, 0, bytes32(0));
        bytes32 fixedId = reg.attest(FIXED, SUBJECT, 1, 0, bytes32(0));
        vm.expectRevert(abi.encodeWithSelector(AttestationRegistry.AttestationUnknown.selector, bytes32(uint256(7))));
        reg.revoke(bytes32(uint256(7)));
        vm.expectRevert(abi.encodeWithSelector(AttestationRegistry.AttestationNotRevocable.selector, FIXED));
        reg.revoke(fixedId);
        reg.revoke(id);
        vm.expectRevert(abi.encodeWithSelector(AttestationRegistry.AttestationAlreadyRevoked.selector, id));
        reg.revoke(id);
        vm.stopPrank();
        vm.prank(OTHER);
        vm.expectRevert(abi.encodeWithSelector(AttestationRegistry.AttestationNotAttester.selector, OTHER, id));
        reg.revoke(id);
        vm.expectRevert(abi.encodeWithSelector(AttestationRegistry.AttestationUnknown.selector, bytes32(uint256(7))));
        reg.getAttestation(bytes32(uint256(7)));
    }

    // ---------------------------------------------------------------- batches

    struct Entry {
        bytes32 subject;
        int16 value;
        uint32 expiresAt;
        bytes32 commitment;
    }

    function _entries(uint256 seed, uint256 n) private pure returns (Entry[] memory e) {
        e = new Entry[](n);
        for (uint256 i = 0; i < n; ++i) {
            bytes32 h = keccak256(abi.encode(seed, i));
            e[i] = Entry(h, int16(int256(uint256(h) % 200)) - 100, uint32(T0 + 1000 + i), keccak256(abi.encode(h)));
        }
    }

    function _leaves(bytes32 schema, Entry[] memory e) private view returns (bytes32[] memory l) {
        l = new bytes32[](e.length);
        for (uint256 i = 0; i < e.length; ++i) {
            l[i] = reg.batchLeaf(schema, e[i].subject, e[i].value, e[i].expiresAt, e[i].commitment);
        }
    }

    function _anchor(Entry[] memory e) private returns (bytes32 batchId, bytes32[] memory leaves) {
        leaves = _leaves(SCHEMA, e);
        vm.prank(ATTESTOR);
        batchId = reg.anchorBatch(SCHEMA, MerkleTree.root(leaves), uint32(e.length));
    }

    function _verify(bytes32 batchId, Entry memory e, bytes32[] memory proof) private view returns (bool) {
        return reg.verifyBatchEntry(batchId, e.subject, e.value, e.expiresAt, e.commitment, proof);
    }

    function test_batchLeafEncoding() public view {
        bytes32 expected = keccak256(
            bytes.concat(keccak256(abi.encode(SCHEMA, SUBJECT, int16(-5), uint32(77), bytes32(uint256(9)))))
        );
        assertEq(reg.batchLeaf(SCHEMA, SUBJECT, -5, 77, bytes32(uint256(9))), expected, "double-hashed abi.encode");
    }

    function test_anchorBatchAndVerify() public {
        Entry[] memory e = _entries(1, 5);
        bytes32[] memory leaves = _leaves(SCHEMA, e);
        bytes32 root = MerkleTree.root(leaves);
        bytes32 expectedId = keccak256(abi.encode(ATTESTOR, root));
        vm.expectEmit();
        emit AttestationRegistry.BatchAnchored(expectedId, SCHEMA, ATTESTOR, root, 5);
        vm.prank(ATTESTOR);
        bytes32 batchId = reg.anchorBatch(SCHEMA, root, 5);
        assertEq(batchId, expectedId, "batchId");
        AttestationRegistry.Batch memory b = reg.getBatch(batchId);
        assertEq(b.schema, SCHEMA, "schema");
        assertEq(b.root, root, "root");
        assertEq(b.attester, ATTESTOR, "attester");
        assertEq(b.size, 5, "size");
        assertEq(b.anchoredAt, T0, "anchoredAt");
        assertEq(b.revokedAt, 0, "revokedAt");
        for (uint256 i = 0; i < 5; ++i) {
            assertTrue(_verify(batchId, e[i], MerkleTree.proof(leaves, i)), "member verifies");
        }
        // A changed value, or a proof for another index, fails.
        Entry memory forged = e[2];
        forged.value += 1;
        assertFalse(_verify(batchId, forged, MerkleTree.proof(leaves, 2)), "forged value");
        assertFalse(_verify(batchId, e[2], MerkleTree.proof(leaves, 3)), "wrong proof");
        assertFalse(_verify(bytes32(uint256(1)), e[2], MerkleTree.proof(leaves, 2)), "unknown batch");
        // Expiry.
        vm.warp(e[0].expiresAt);
        assertFalse(_verify(batchId, e[0], MerkleTree.proof(leaves, 0)), "expired entry");
        assertTrue(
            reg.isInBatch(batchId, e[0].subject, e[0].value, e[0].expiresAt, e[0].commitment, MerkleTree.proof(leaves, 0)),
            "still included"
        );
    }

    function test_innerNodeCannotPassAsLeaf() public {
        Entry[] memory e = _entries(2, 4);
        (bytes32 batchId, bytes32[] memory leaves) = _anchor(e);
        bytes32 root = reg.getBatch(batchId).root;
        bytes32[] memory proof = MerkleTree.proof(leaves, 0);
        bytes32[] memory shorter = new bytes32[](1);
        shorter[0] = proof[1];
        // The inner node over leaves 0 and 1 does verify as a "leaf" with the shorter proof: with a leaf that
        // were a single hash of 64 bytes, (leaf0, leaf1) could be passed off as an entry.
        bytes32 inner = leaves[0] < leaves[1]
            ? keccak256(abi.encode(leaves[0], leaves[1]))
            : keccak256(abi.encode(leaves[1], leaves[0]));
        assertTrue(MerkleProof.verify(shorter, root, inner), "inner node verifies as a raw leaf");
        // Entries are hashed twice from a 160-byte encoding, so presenting the two child hashes as entry
        // fields yields another leaf, and no entry verifies against the shorter proof.
        assertFalse(reg.verifyBatchEntry(batchId, leaves[0], 0, 0, leaves[1], shorter), "child hashes as fields");
        assertFalse(reg.verifyBatchEntry(batchId, leaves[1], 0, 0, leaves[0], shorter), "reversed");
        assertTrue(reg.batchLeaf(SCHEMA, leaves[0], 0, 0, leaves[1]) != inner, "no collision with the inner node");
    }

    function test_revokeBatchAndEntry() public {
        Entry[] memory e = _entries(3, 3);
        (bytes32 batchId, bytes32[] memory leaves) = _anchor(e);
        vm.expectEmit();
        emit AttestationRegistry.BatchEntryRevoked(batchId, leaves[1], ATTESTOR);
        vm.prank(ATTESTOR);
        reg.revokeBatchEntry(batchId, leaves[1]);
        assertEq(reg.batchEntryRevokedAt(batchId, leaves[1]), T0, "entry revokedAt");
        assertFalse(_verify(batchId, e[1], MerkleTree.proof(leaves, 1)), "revoked entry");
        assertTrue(_verify(batchId, e[0], MerkleTree.proof(leaves, 0)), "other entry still valid");
        vm.expectEmit();
        emit AttestationRegistry.BatchRevoked(batchId, ATTESTOR);
        vm.prank(ATTESTOR);
        reg.revokeBatch(batchId);
        assertEq(reg.getBatch(batchId).revokedAt, T0, "batch revokedAt");
        assertFalse(_verify(batchId, e[0], MerkleTree.proof(leaves, 0)), "revoked batch");
    }

    function test_revert_batches() public {
        vm.startPrank(ATTESTOR);
        vm.expectRevert(abi.encodeWithSelector(AttestationRegistry.AttestationInvalidBatch.selector, bytes32(0), uint32(3)));
        reg.anchorBatch(SCHEMA, bytes32(0), 3);
        vm.expectRevert(abi.encodeWithSelector(AttestationRegistry.AttestationInvalidBatch.selector, bytes32(uint256(1)), uint32(0)));
        reg.anchorBatch(SCHEMA, bytes32(uint256(1)), 0);
        vm.expectRevert(abi.encodeWithSelector(AttestationRegistry.AttestationUnknownSchema.selector, UNKNOWN));
        reg.anchorBatch(UNKNOWN, bytes32(uint256(1)), 1);
        bytes32 batchId = reg.anchorBatch(SCHEMA, bytes32(uint256(1)), 1);
        vm.expectRevert(abi.encodeWithSelector(AttestationRegistry.AttestationBatchExists.selector, batchId, bytes32(uint256(1))));
        reg.anchorBatch(SCHEMA, bytes32(uint256(1)), 1);
        bytes32 fixedBatch = reg.anchorBatch(FIXED, bytes32(uint256(2)), 1);
        vm.expectRevert(abi.encodeWithSelector(AttestationRegistry.AttestationNotRevocable.selector, FIXED));
        reg.revokeBatch(fixedBatch);
        vm.expectRevert(abi.encodeWithSelector(AttestationRegistry.AttestationNotRevocable.selector, FIXED));
        reg.revokeBatchEntry(fixedBatch, bytes32(uint256(5)));
        vm.expectRevert(abi.encodeWithSelector(AttestationRegistry.AttestationUnknownBatch.selector, bytes32(uint256(9))));
        reg.revokeBatch(bytes32(uint256(9)));
        reg.revokeBatchEntry(batchId, bytes32(uint256(5)));
        vm.expectRevert(abi.encodeWithSelector(AttestationRegistry.AttestationAlreadyRevoked.selector, bytes32(uint256(5))));
        reg.revokeBatchEntry(batchId, bytes32(uint256(5)));
        reg.revokeBatch(batchId);
        vm.expectRevert(abi.encodeWithSelector(AttestationRegistry.AttestationAlreadyRevoked.selector, batchId));
        reg.revokeBatch(batchId);
        vm.stopPrank();
        vm.prank(OTHER);
        vm.expectRevert(abi.encodeWithSelector(AttestationRegistry.AttestationNotAttester.selector, OTHER, batchId));
        reg.revokeBatchEntry(batchId, bytes32(uint256(6)));
        vm.prank(OTHER);
        vm.expectRevert(abi.encodeWithSelector(AttestationRegistry.AttestationAttesterNotAccredited.selector, OTHER, SCHEMA));
        reg.anchorBatch(SCHEMA, bytes32(uint256(3)), 1);
        vm.expectRevert(abi.encodeWithSelector(AttestationRegistry.AttestationUnknownBatch.selector, bytes32(uint256(9))));
        reg.getBatch(bytes32(uint256(9)));
    }

    // ---------------------------------------------------------------- fuzz

    /// Every member of a random tree verifies with its proof; a member with any field changed does not.
    function testFuzz_merkleMembership(uint256 seed, uint8 size, uint8 pick, uint8 field) public {
        uint256 n = 1 + (uint256(size) % 24);
        uint256 i = uint256(pick) % n;
        Entry[] memory e = _entries(seed, n);
        (bytes32 batchId, bytes32[] memory leaves) = _anchor(e);
        bytes32[] memory proof = MerkleTree.proof(leaves, i);
        assertTrue(_verify(batchId, e[i], proof), "member verifies");
        Entry memory x = e[i];
        uint256 f = field % 4;
        if (f == 0) x.subject = bytes32(uint256(x.subject) ^ 1);
        else if (f == 1) x.value = x.value == type(int16).max ? int16(0) : x.value + 1;
        else if (f == 2) x.expiresAt = x.expiresAt + 1;
        else x.commitment = bytes32(uint256(x.commitment) ^ 1);
        assertFalse(_verify(batchId, x, proof), "changed member fails");
    }

    /// The attestation id is the subject's counter position; reads by subject list exactly what was written.
    function testFuzz_subjectIndex(bytes32 subject, uint8 count) public {
        vm.assume(subject != bytes32(0));
        uint256 n = uint256(count) % 12;
        vm.startPrank(ATTESTOR);
        for (uint256 i = 0; i < n; ++i) {
            bytes32 id = reg.attest(SCHEMA, subject, int16(int256(i)), 0, bytes32(i));
            assertEq(id, reg.attestationIdOf(subject, i), "id is position");
        }
        vm.stopPrank();
        bytes32[] memory ids = reg.attestationsOf(subject, 0, type(uint256).max);
        assertEq(ids.length, n, "listed");
        for (uint256 i = 0; i < n; ++i) assertEq(int256(reg.getAttestation(ids[i]).value), int256(i), "in order");
    }
}

/// @dev A Merkle tree built the way OpenZeppelin's MerkleProof checks it: sorted pairs, an odd node carried up.
library MerkleTree {
    function _hashPair(bytes32 a, bytes32 b) private pure returns (bytes32) {
        return a < b ? keccak256(abi.encode(a, b)) : keccak256(abi.encode(b, a));
    }

    function _up(bytes32[] memory level) private pure returns (bytes32[] memory next) {
        next = new bytes32[]((level.length + 1) / 2);
        for (uint256 i = 0; i < level.length; i += 2) {
            next[i / 2] = i + 1 < level.length ? _hashPair(level[i], level[i + 1]) : level[i];
        }
    }

    function root(bytes32[] memory leaves) internal pure returns (bytes32) {
        bytes32[] memory level = leaves;
        while (level.length > 1) level = _up(level);
        return level[0];
    }

    function proof(bytes32[] memory leaves, uint256 index) internal pure returns (bytes32[] memory p) {
        bytes32[] memory tmp = new bytes32[](32);
        uint256 n;
        bytes32[] memory level = leaves;
        while (level.length > 1) {
            uint256 sibling = index ^ 1;
            if (sibling < level.length) tmp[n++] = level[sibling];
            level = _up(level);
            index /= 2;
        }
        p = new bytes32[](n);
        for (uint256 i = 0; i < n; ++i) p[i] = tmp[i];
    }
}
