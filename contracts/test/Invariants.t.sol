// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.29;

import {TrustedIssuerRegistry} from "../contracts/TrustedIssuerRegistry.sol";
import {AttestationRegistry} from "../contracts/AttestationRegistry.sol";
import {SubsidyClaimRegistry} from "../contracts/SubsidyClaimRegistry.sol";
import {TestBase, Vm} from "./utils/Vm.sol";

// Invariant tests: the fuzzer calls the handlers' functions in random order with random arguments; after each
// call the `invariant_*` functions must hold. Handlers keep ghost records of what succeeded.

uint40 constant FOREVER_ = type(uint40).max;

/// @dev The shape the invariant runner reads from `targetSelectors()` (as in Foundry): which handler functions to
/// call, so that no call is wasted on the handlers' getters.
struct FuzzSelector {
    address addr;
    bytes4[] selectors;
}

// ===================================================================================== subsidy claims

contract SubsidyHandler {
    Vm private constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));
    SubsidyClaimRegistry public immutable reg;
    bytes32 public constant PROG = keccak256("programme");
    address public constant AGENCY = address(0xA6E);
    uint96 public constant AMOUNT = 70;
    uint96 public constant BUDGET = 1000;

    mapping(bytes32 nullifier => uint256) public successes;
    bytes32[] public claimed;
    uint256 public totalSuccesses;

    constructor(SubsidyClaimRegistry r) {
        reg = r;
    }

    function claim(uint8 officeSeed, uint8 nullifierSeed) external {
        address office = address(uint160(0xF00 + (officeSeed % 4))); // 0xF03 is never authorized
        bytes32 nullifier = keccak256(abi.encode(nullifierSeed % 24));
        vm.prank(officeSeed % 5 == 4 ? AGENCY : office);
        try reg.claim(PROG, nullifier) {
            if (successes[nullifier] == 0) claimed.push(nullifier);
            successes[nullifier]++;
            totalSuccesses++;
        } catch {}
    }

    function setOffice(uint8 officeSeed, bool authorized) external {
        address office = address(uint160(0xF00 + (officeSeed % 3)));
        vm.prank(AGENCY);
        try reg.setOffice(PROG, office, authorized) {} catch {}
    }

    function warp(uint16 secs) external {
        vm.warp(block.timestamp + (secs % 200));
    }

    function claimedCount() external view returns (uint256) {
        return claimed.length;
    }
}

contract SubsidyInvariantTest is TestBase {
    SubsidyClaimRegistry private reg;
    SubsidyHandler private handler;

    function setUp() public {
        vm.warp(1_000_000);
        TrustedIssuerRegistry trust = new TrustedIssuerRegistry(address(this));
        reg = new SubsidyClaimRegistry(trust);
        handler = new SubsidyHandler(reg);
        bytes32[] memory scopes = new bytes32[](1);
        scopes[0] = keccak256("subsidy");
        trust.accredit(handler.AGENCY(), scopes, 0, FOREVER_, false, 0);
        vm.startPrank(handler.AGENCY());
        reg.openProgramme(handler.PROG(), scopes[0], handler.BUDGET(), handler.AMOUNT(), 0, 1_000_000 + 3000);
        reg.setOffice(handler.PROG(), address(0xF00), true);
        vm.stopPrank();
    }

    function targetContracts() public view returns (address[] memory t) {
        t = new address[](1);
        t[0] = address(handler);
    }

    function targetSelectors() public view returns (FuzzSelector[] memory s) {
        bytes4[] memory f = new bytes4[](3);
        f[0] = SubsidyHandler.claim.selector;
        f[1] = SubsidyHandler.setOffice.selector;
        f[2] = SubsidyHandler.warp.selector;
        s = new FuzzSelector[](1);
        s[0] = FuzzSelector(address(handler), f);
    }

    /// A nullifier never claims twice.
    function invariant_nullifierNeverClaimsTwice() public view {
        uint256 n = handler.claimedCount();
        for (uint256 i = 0; i < n; ++i) {
            bytes32 nullifier = handler.claimed(i);
            assertEq(handler.successes(nullifier), 1, "a nullifier claimed more than once");
            assertTrue(reg.claimedAt(handler.PROG(), nullifier) != 0, "claim not recorded");
        }
    }

    /// The programme never pays beyond its budget, and counts exactly the successful claims.
    function invariant_budgetAndCount() public view {
        SubsidyClaimRegistry.Programme memory p = reg.getProgramme(handler.PROG());
        assertEq(p.claims, handler.totalSuccesses(), "claims counted");
        assertTrue(uint256(p.claims) * p.amountPerClaim <= p.budget, "over budget");
        assertEq(reg.remainingBudget(handler.PROG()), p.budget - uint256(p.claims) * p.amountPerClaim, "remaining");
    }
}

// ===================================================================================== attestations

contract AttestationHandler {
    Vm private constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));
    TrustedIssuerRegistry public immutable trust;
    AttestationRegistry public immutable reg;
    bytes32 public constant SCHEMA_A = keccak256("schema:A");
    bytes32 public constant SCHEMA_B = keccak256("schema:B");
    address public constant DEPT = address(0xD1);

    bytes32[] public ids;
    bytes32[] public batches;
    uint32[] public accreditations; // every accreditation granted, to suspend / revoke at random

    constructor() {
        trust = new TrustedIssuerRegistry(address(this));
        reg = new AttestationRegistry(trust);
        reg.registerSchema(SCHEMA_A, bytes32("d"), "a", true);
        reg.registerSchema(SCHEMA_B, bytes32("d"), "b", true);
        bytes32[] memory both = new bytes32[](2);
        both[0] = SCHEMA_A;
        both[1] = SCHEMA_B;
        accreditations.push(trust.accredit(DEPT, both, 0, FOREVER_, true, 0));
    }

    function _attester(uint8 seed) private pure returns (address) {
        return address(uint160(0xA00 + (seed % 4)));
    }

    function _schema(uint8 seed) private pure returns (bytes32) {
        return seed % 2 == 0 ? SCHEMA_A : SCHEMA_B;
    }

    /// The department accredits an attester for one schema (or the root accredits one directly).
    function grant(uint8 attesterSeed, uint8 schemaSeed, uint16 lifetime, bool byRoot) external {
        bytes32[] memory scopes = new bytes32[](1);
        scopes[0] = _schema(schemaSeed);
        uint40 until = uint40(block.timestamp) + 1 + (lifetime % 500);
        if (byRoot) {
            try trust.accredit(_attester(attesterSeed), scopes, 0, until, false, 0) returns (uint32 id) {
                accreditations.push(id);
            } catch {}
        } else {
            vm.prank(DEPT);
            try trust.accredit(_attester(attesterSeed), scopes, 0, until, false, accreditations[0]) returns (uint32 id) {
                accreditations.push(id);
            } catch {}
        }
    }

    function suspend(uint8 seed) external {
        try trust.suspend(accreditations[seed % accreditations.length]) {} catch {}
    }

    function reinstate(uint8 seed) external {
        try trust.reinstate(accreditations[seed % accreditations.length]) {} catch {}
    }

    function revoke(uint8 seed) external {
        // Revoking the department (index 0) ends everything below it; keep it rarer.
        uint256 i = seed % accreditations.length;
        if (i == 0 && seed % 7 != 0) i = accreditations.length - 1;
        try trust.revoke(accreditations[i]) {} catch {}
    }

    function attest(uint8 attesterSeed, uint8 schemaSeed, bytes32 subject, int16 value) external {
        if (subject == bytes32(0)) subject = bytes32(uint256(1));
        vm.prank(_attester(attesterSeed));
        try reg.attest(_schema(schemaSeed), subject, value, 0, keccak256(abi.encode(subject, value))) returns (bytes32 id) {
            ids.push(id);
        } catch {}
    }

    function anchor(uint8 attesterSeed, uint8 schemaSeed, bytes32 root) external {
        if (root == bytes32(0)) root = bytes32(uint256(1));
        vm.prank(_attester(attesterSeed));
        try reg.anchorBatch(_schema(schemaSeed), root, 10) returns (bytes32 id) {
            batches.push(id);
        } catch {}
    }

    function warp(uint16 secs) external {
        vm.warp(block.timestamp + (secs % 100));
    }

    function idCount() external view returns (uint256) {
        return ids.length;
    }

    function batchCount() external view returns (uint256) {
        return batches.length;
    }
}

contract AttestationInvariantTest is TestBase {
    AttestationHandler private handler;

    function setUp() public {
        vm.warp(1_000_000);
        handler = new AttestationHandler();
    }

    function targetContracts() public view returns (address[] memory t) {
        t = new address[](1);
        t[0] = address(handler);
    }

    function targetSelectors() public view returns (FuzzSelector[] memory s) {
        bytes4[] memory f = new bytes4[](7);
        f[0] = AttestationHandler.grant.selector;
        f[1] = AttestationHandler.suspend.selector;
        f[2] = AttestationHandler.reinstate.selector;
        f[3] = AttestationHandler.revoke.selector;
        f[4] = AttestationHandler.attest.selector;
        f[5] = AttestationHandler.anchor.selector;
        f[6] = AttestationHandler.warp.selector;
        s = new FuzzSelector[](1);
        s[0] = FuzzSelector(address(handler), f);
    }

    /// No attestation (single or batch) from an issuer not accredited for its schema at that time — asked of the
    /// trust registry's history after everything that happened since.
    function invariant_everyAttestationWasAccreditedAtItsTime() public view {
        TrustedIssuerRegistry trust = handler.trust();
        AttestationRegistry reg = handler.reg();
        uint256 n = handler.idCount();
        for (uint256 i = 0; i < n; ++i) {
            AttestationRegistry.Attestation memory a = reg.getAttestation(handler.ids(i));
            assertTrue(trust.isAccredited(a.attester, a.schema, a.issuedAt), "attestation without accreditation");
        }
        n = handler.batchCount();
        for (uint256 i = 0; i < n; ++i) {
            AttestationRegistry.Batch memory b = reg.getBatch(handler.batches(i));
            assertTrue(trust.isAccredited(b.attester, b.schema, b.anchoredAt), "batch without accreditation");
        }
    }
}

// ===================================================================================== accreditation chain

contract AccreditationHandler {
    Vm private constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));
    TrustedIssuerRegistry public immutable trust;
    bytes32[4] private _all = [keccak256("s0"), keccak256("s1"), keccak256("s2"), keccak256("s3")];

    struct Probe {
        address issuer;
        bytes32 scope;
        uint40 at;
        bool past; // `at` was before the block's second when asked
        bool answer;
    }

    Probe[] public probes;

    constructor() {
        trust = new TrustedIssuerRegistry(address(this));
    }

    function scope(uint256 i) external view returns (bytes32) {
        return _all[i];
    }

    function _party(uint8 seed) private pure returns (address) {
        return address(uint160(0xB00 + (seed % 6)));
    }

    /// Anyone tries to grant anything under any accreditation; only legitimate grants succeed.
    function grant(uint8 granterSeed, uint8 issuerSeed, uint8 scopeMask, uint32 parentSeed, uint16 start, uint16 length, bool canAccredit)
        external
    {
        uint32 count = trust.accreditationCount();
        uint32 parent = count == 0 || parentSeed % 5 == 0 ? 0 : 1 + (parentSeed % count);
        address granter = parent == 0 ? address(this) : (granterSeed % 4 == 0 ? _party(granterSeed) : trust.getAccreditation(parent).issuer);
        bytes32[] memory scopes = _scopesFor(parent, scopeMask);
        (uint40 from, uint40 until) = _window(parent, start, length);
        vm.prank(granter);
        try trust.accredit(_party(issuerSeed), scopes, from, until, canAccredit || start % 3 != 0, parent) {} catch {}
    }

    /// Mostly what the parent holds (bit 7 clear), sometimes anything.
    function _scopesFor(uint32 parent, uint8 scopeMask) private view returns (bytes32[] memory scopes) {
        if (parent != 0 && scopeMask & 0x80 == 0) {
            uint8 held;
            for (uint256 i = 0; i < 4; ++i) if (trust.hasScope(parent, _all[i])) held |= uint8(1 << i);
            scopeMask = scopeMask & held == 0 ? held : scopeMask & held;
        }
        uint256 k;
        for (uint256 i = 0; i < 4; ++i) if (scopeMask & (1 << i) != 0) k++;
        scopes = new bytes32[](k);
        k = 0;
        for (uint256 i = 0; i < 4; ++i) if (scopeMask & (1 << i) != 0) scopes[k++] = _all[i];
    }

    /// Mostly starting now and inside the parent's window, sometimes not.
    function _window(uint32 parent, uint16 start, uint16 length) private view returns (uint40 from, uint40 until) {
        from = start % 4 == 0 ? uint40(block.timestamp) + (start % 50) : 0;
        uint40 base = from == 0 ? uint40(block.timestamp) : from;
        until = length % 9 == 0 ? FOREVER_ : base + 1 + (length % 1000);
        if (parent != 0 && length % 5 != 0) {
            uint40 parentUntil = trust.getAccreditation(parent).validUntil;
            if (until > parentUntil) until = parentUntil;
        }
    }

    function suspend(uint32 seed) external {
        uint32 count = trust.accreditationCount();
        if (count != 0) try trust.suspend(1 + (seed % count)) {} catch {}
    }

    function reinstate(uint32 seed) external {
        uint32 count = trust.accreditationCount();
        if (count != 0) try trust.reinstate(1 + (seed % count)) {} catch {}
    }

    function revoke(uint32 seed) external {
        uint32 count = trust.accreditationCount();
        if (count != 0 && seed % 3 == 0) try trust.revoke(1 + (seed % count)) {} catch {}
    }

    /// Records an answer about a moment up to now; the invariant re-asks it later.
    function probe(uint8 issuerSeed, uint8 scopeSeed, uint16 back) external {
        uint40 at = uint40(block.timestamp) - uint40(back % 200);
        address issuer = _party(issuerSeed);
        bytes32 s = _all[scopeSeed % 4];
        uint32 count = trust.accreditationCount();
        if (count != 0 && issuerSeed % 2 == 0) {
            // Mostly ask about an accreditation that exists, so that many answers are true.
            TrustedIssuerRegistry.Accreditation memory a = trust.getAccreditation(1 + (uint32(back) % count));
            issuer = a.issuer;
            s = a.scopes[scopeSeed % a.scopes.length];
        }
        probes.push(Probe(issuer, s, at, at < block.timestamp, trust.isAccredited(issuer, s, at)));
    }

    function warp(uint16 secs) external {
        vm.warp(block.timestamp + (secs % 100));
    }

    function probeCount() external view returns (uint256) {
        return probes.length;
    }
}

contract AccreditationInvariantTest is TestBase {
    AccreditationHandler private handler;

    function setUp() public {
        vm.warp(1_000_000);
        handler = new AccreditationHandler();
    }

    function targetContracts() public view returns (address[] memory t) {
        t = new address[](1);
        t[0] = address(handler);
    }

    function targetSelectors() public view returns (FuzzSelector[] memory s) {
        bytes4[] memory f = new bytes4[](6);
        f[0] = AccreditationHandler.grant.selector;
        f[1] = AccreditationHandler.suspend.selector;
        f[2] = AccreditationHandler.reinstate.selector;
        f[3] = AccreditationHandler.revoke.selector;
        f[4] = AccreditationHandler.probe.selector;
        f[5] = AccreditationHandler.warp.selector;
        s = new FuzzSelector[](1);
        s[0] = FuzzSelector(address(handler), f);
    }

    /// An accreditation never grows wider down the chain: scopes held by the parent, window inside the
    /// parent's, depth bounded, and whenever the child is valid its parent is too.
    /// hardhat-config: invariant.depth = 96
    function invariant_neverWiderDownTheChain() public view {
        TrustedIssuerRegistry trust = handler.trust();
        uint32 count = trust.accreditationCount();
        for (uint32 id = 1; id <= count; ++id) {
            TrustedIssuerRegistry.Accreditation memory c = trust.getAccreditation(id);
            assertTrue(c.depth >= 1 && c.depth <= trust.MAX_DEPTH(), "depth");
            if (c.depth == trust.MAX_DEPTH()) assertFalse(c.canAccredit, "deepest level accredits");
            if (c.parent == 0) continue;
            TrustedIssuerRegistry.Accreditation memory p = trust.getAccreditation(c.parent);
            assertEq(c.depth, uint256(p.depth) + 1, "depth is parent's + 1");
            assertTrue(p.canAccredit, "parent may not accredit");
            for (uint256 i = 0; i < c.scopes.length; ++i) {
                assertTrue(trust.hasScope(c.parent, c.scopes[i]), "scope not held by the parent");
            }
            assertTrue(c.validFrom >= p.validFrom && c.validUntil <= p.validUntil, "window wider than the parent's");
            for (uint256 k = 0; k < 4; ++k) {
                uint256 t = block.timestamp - 150 + k * 60;
                if (trust.isActiveAt(id, t)) assertTrue(trust.isActiveAt(c.parent, t), "child valid without its parent");
            }
        }
    }

    /// Answers about moments before the time they were asked never change afterwards; an answer about the
    /// very second it was asked in may only turn from false to true (a grant starting now), never back.
    /// hardhat-config: invariant.depth = 96
    function invariant_pastAnswersNeverChange() public view {
        TrustedIssuerRegistry trust = handler.trust();
        uint256 n = handler.probeCount();
        for (uint256 i = 0; i < n; ++i) {
            (address issuer, bytes32 s, uint40 at, bool past, bool answer) = handler.probes(i);
            bool now_ = trust.isAccredited(issuer, s, at);
            if (past) assertTrue(now_ == answer, "an answer about the past changed");
            else if (answer) assertTrue(now_, "an answer about the present turned false");
        }
    }
}
