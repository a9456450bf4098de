// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.29;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {TrustedIssuerRegistry} from "../contracts/TrustedIssuerRegistry.sol";
import {TestBase} from "./utils/Vm.sol";

contract TrustedIssuerRegistryTest is TestBase {
    TrustedIssuerRegistry private trust;

    address private constant DEPT = address(0xD1);
    address private constant ISSUER = address(0x155);
    address private constant OTHER = address(0x0CC);
    bytes32 private constant TYPE_A = keccak256("type:A");
    bytes32 private constant TYPE_B = keccak256("type:B");
    bytes32 private constant TYPE_C = keccak256("type:C");
    uint40 private constant T0 = 1_000_000;

    function setUp() public {
        vm.warp(T0);
        trust = new TrustedIssuerRegistry(address(this));
    }

    function _scopes(bytes32 a) private pure returns (bytes32[] memory s) {
        s = new bytes32[](1);
        s[0] = a;
    }

    function _scopes(bytes32 a, bytes32 b) private pure returns (bytes32[] memory s) {
        s = new bytes32[](2);
        s[0] = a;
        s[1] = b;
    }

    /// root → DEPT (A, B; may accredit) → ISSUER (A)
    function _chain() private returns (uint32 dept, uint32 issuer) {
        dept = trust.accredit(DEPT, _scopes(TYPE_A, TYPE_B), 0, FOREVER, true, 0);
        vm.prank(DEPT);
        issuer = trust.accredit(ISSUER, _scopes(TYPE_A), 0, FOREVER, false, dept);
    }

    // ---------------------------------------------------------------- granting

    function test_rootAuthorityIsTheOwner() public view {
        assertEq(trust.owner(), address(this), "owner");
    }

    function test_rootGrantsAndEmits() public {
        vm.expectEmit();
        emit TrustedIssuerRegistry.AccreditationGranted(1, DEPT, address(this), 0, _scopes(TYPE_A, TYPE_B), T0, T0 + 100, true);
        uint32 id = trust.accredit(DEPT, _scopes(TYPE_A, TYPE_B), 0, T0 + 100, true, 0);
        assertEq(id, 1, "id");
        TrustedIssuerRegistry.Accreditation memory a = trust.getAccreditation(id);
        assertEq(a.issuer, DEPT, "issuer");
        assertEq(a.parent, 0, "parent");
        assertEq(a.depth, 1, "depth");
        assertTrue(a.canAccredit, "canAccredit");
        assertEq(a.validFrom, T0, "validFrom = now");
        assertEq(a.validUntil, T0 + 100, "validUntil");
        assertEq(a.revokedAt, 0, "revokedAt");
        assertFalse(a.suspended, "suspended");
        assertEq(a.scopes.length, 2, "scopes");
        assertTrue(trust.hasScope(id, TYPE_B), "hasScope");
        assertFalse(trust.hasScope(id, TYPE_C), "not hasScope");
        assertEq(trust.accreditationCount(), 1, "count");
        assertEq(trust.accreditationsOf(DEPT).length, 1, "accreditationsOf");
    }

    function test_accreditorGrantsWithinWhatItHolds() public {
        (uint32 dept, uint32 issuer) = _chain();
        TrustedIssuerRegistry.Accreditation memory a = trust.getAccreditation(issuer);
        assertEq(a.parent, dept, "parent");
        assertEq(a.depth, 2, "depth");
        assertTrue(trust.isAccredited(ISSUER, TYPE_A, T0), "issuer accredited for A");
        assertFalse(trust.isAccredited(ISSUER, TYPE_B, T0), "issuer not accredited for B");
        assertEq(trust.accreditationAt(ISSUER, TYPE_A, T0), issuer, "accreditationAt");
        assertEq(trust.accreditationAt(ISSUER, TYPE_B, T0), 0, "accreditationAt none");
    }

    function test_futureGrantIsNotValidBeforeItStarts() public {
        trust.accredit(DEPT, _scopes(TYPE_A), T0 + 10, T0 + 20, false, 0);
        assertFalse(trust.isAccredited(DEPT, TYPE_A, T0 + 9), "before");
        assertTrue(trust.isAccredited(DEPT, TYPE_A, T0 + 10), "from");
        assertTrue(trust.isAccredited(DEPT, TYPE_A, T0 + 19), "last second");
        assertFalse(trust.isAccredited(DEPT, TYPE_A, T0 + 20), "until is exclusive");
        assertFalse(trust.isAccredited(DEPT, TYPE_A, uint256(type(uint40).max) + 1), "beyond uint40");
    }

    function test_revert_zeroIssuer() public {
        vm.expectRevert(TrustedIssuerRegistry.TrustRegistryZeroIssuer.selector);
        trust.accredit(address(0), _scopes(TYPE_A), 0, FOREVER, false, 0);
    }

    function test_revert_emptyScopes() public {
        vm.expectRevert(TrustedIssuerRegistry.TrustRegistryInvalidScopes.selector);
        trust.accredit(DEPT, new bytes32[](0), 0, FOREVER, false, 0);
    }

    function test_revert_tooManyScopes() public {
        bytes32[] memory s = new bytes32[](65);
        for (uint256 i = 0; i < s.length; ++i) s[i] = bytes32(i + 1);
        vm.expectRevert(TrustedIssuerRegistry.TrustRegistryInvalidScopes.selector);
        trust.accredit(DEPT, s, 0, FOREVER, false, 0);
    }

    function test_revert_zeroScope() public {
        vm.expectRevert(TrustedIssuerRegistry.TrustRegistryInvalidScopes.selector);
        trust.accredit(DEPT, _scopes(bytes32(0)), 0, FOREVER, false, 0);
    }

    function test_revert_duplicateScope() public {
        vm.expectRevert(TrustedIssuerRegistry.TrustRegistryInvalidScopes.selector);
        trust.accredit(DEPT, _scopes(TYPE_A, TYPE_A), 0, FOREVER, false, 0);
    }

    function test_revert_backdatedWindow() public {
        vm.expectRevert(abi.encodeWithSelector(TrustedIssuerRegistry.TrustRegistryInvalidWindow.selector, T0 - 1, FOREVER));
        trust.accredit(DEPT, _scopes(TYPE_A), T0 - 1, FOREVER, false, 0);
    }

    function test_revert_emptyWindow() public {
        vm.expectRevert(abi.encodeWithSelector(TrustedIssuerRegistry.TrustRegistryInvalidWindow.selector, T0 + 5, T0 + 5));
        trust.accredit(DEPT, _scopes(TYPE_A), T0 + 5, T0 + 5, false, 0);
    }

    function test_revert_rootGrantByStranger() public {
        vm.prank(OTHER);
        vm.expectRevert(abi.encodeWithSelector(TrustedIssuerRegistry.TrustRegistryNotGrantor.selector, OTHER, 0));
        trust.accredit(DEPT, _scopes(TYPE_A), 0, FOREVER, false, 0);
    }

    function test_revert_unknownParent() public {
        vm.prank(DEPT);
        vm.expectRevert(abi.encodeWithSelector(TrustedIssuerRegistry.TrustRegistryUnknownAccreditation.selector, 7));
        trust.accredit(ISSUER, _scopes(TYPE_A), 0, FOREVER, false, 7);
    }

    function test_revert_grantUnderSomeoneElsesAccreditation() public {
        (uint32 dept,) = _chain();
        vm.prank(OTHER);
        vm.expectRevert(abi.encodeWithSelector(TrustedIssuerRegistry.TrustRegistryNotGrantor.selector, OTHER, dept));
        trust.accredit(OTHER, _scopes(TYPE_A), 0, FOREVER, false, dept);
    }

    function test_revert_parentCannotAccredit() public {
        (, uint32 issuer) = _chain();
        vm.prank(ISSUER);
        vm.expectRevert(abi.encodeWithSelector(TrustedIssuerRegistry.TrustRegistryCannotAccredit.selector, issuer));
        trust.accredit(OTHER, _scopes(TYPE_A), 0, FOREVER, false, issuer);
    }

    function test_revert_chainDeeperThanMax() public {
        uint32 parent = 0;
        address holder = address(this);
        for (uint160 i = 1; i <= trust.MAX_DEPTH(); ++i) {
            vm.prank(holder);
            parent = trust.accredit(address(0x1000 + i), _scopes(TYPE_A), 0, FOREVER, true, parent);
            holder = address(0x1000 + i);
        }
        // The deepest level was granted canAccredit = true but does not get it.
        assertFalse(trust.getAccreditation(parent).canAccredit, "deepest level cannot accredit");
        vm.prank(holder);
        vm.expectRevert(abi.encodeWithSelector(TrustedIssuerRegistry.TrustRegistryCannotAccredit.selector, parent));
        trust.accredit(OTHER, _scopes(TYPE_A), 0, FOREVER, false, parent);
    }

    function test_revert_scopeNotHeld() public {
        (uint32 dept,) = _chain();
        vm.prank(DEPT);
        vm.expectRevert(abi.encodeWithSelector(TrustedIssuerRegistry.TrustRegistryScopeNotHeld.selector, dept, TYPE_C));
        trust.accredit(ISSUER, _scopes(TYPE_A, TYPE_C), 0, FOREVER, false, dept);
    }

    function test_revert_windowBeyondParent() public {
        uint32 dept = trust.accredit(DEPT, _scopes(TYPE_A), 0, T0 + 100, true, 0);
        vm.prank(DEPT);
        vm.expectRevert(abi.encodeWithSelector(TrustedIssuerRegistry.TrustRegistryInvalidWindow.selector, T0, T0 + 101));
        trust.accredit(ISSUER, _scopes(TYPE_A), 0, T0 + 101, false, dept);
    }

    function test_revert_parentSuspendedOrNotYetValid() public {
        uint32 dept = trust.accredit(DEPT, _scopes(TYPE_A), 0, FOREVER, true, 0);
        trust.suspend(dept);
        vm.prank(DEPT);
        vm.expectRevert(abi.encodeWithSelector(TrustedIssuerRegistry.TrustRegistryParentNotActive.selector, dept));
        trust.accredit(ISSUER, _scopes(TYPE_A), 0, FOREVER, false, dept);

        uint32 later = trust.accredit(DEPT, _scopes(TYPE_A), T0 + 50, FOREVER, true, 0);
        vm.prank(DEPT);
        vm.expectRevert(abi.encodeWithSelector(TrustedIssuerRegistry.TrustRegistryParentNotActive.selector, later));
        trust.accredit(ISSUER, _scopes(TYPE_A), T0 + 60, FOREVER, false, later);
    }

    // ---------------------------------------------------------------- suspension, revocation, history

    function test_suspendReinstateKeepsHistory() public {
        (, uint32 issuer) = _chain();
        vm.warp(T0 + 10);
        vm.expectEmit();
        emit TrustedIssuerRegistry.AccreditationSuspended(issuer, DEPT, T0 + 11);
        vm.prank(DEPT);
        trust.suspend(issuer);
        assertTrue(trust.getAccreditation(issuer).suspended, "suspended flag");
        assertTrue(trust.isAccredited(ISSUER, TYPE_A, T0 + 10), "still valid in the block's second");
        assertFalse(trust.isAccredited(ISSUER, TYPE_A, T0 + 11), "suspended from the next second");
        vm.warp(T0 + 20);
        vm.expectEmit();
        emit TrustedIssuerRegistry.AccreditationReinstated(issuer, address(this), T0 + 21);
        trust.reinstate(issuer);
        assertFalse(trust.isAccredited(ISSUER, TYPE_A, T0 + 20), "suspended until the reinstatement");
        assertTrue(trust.isAccredited(ISSUER, TYPE_A, T0 + 21), "valid again");
        assertTrue(trust.isAccredited(ISSUER, TYPE_A, T0 + 5), "the past before the suspension is unchanged");
        TrustedIssuerRegistry.Suspension[] memory s = trust.suspensionsOf(issuer);
        assertEq(s.length, 1, "one interval");
        assertEq(s[0].from, T0 + 11, "from");
        assertEq(s[0].until, T0 + 21, "until");
        assertFalse(trust.getAccreditation(issuer).suspended, "not suspended");
    }

    function test_revokeIsForGoodButKeepsThePast() public {
        (uint32 dept, uint32 issuer) = _chain();
        vm.warp(T0 + 30);
        vm.expectEmit();
        emit TrustedIssuerRegistry.AccreditationRevoked(dept, address(this), T0 + 31);
        trust.revoke(dept);
        assertEq(trust.getAccreditation(dept).revokedAt, T0 + 31, "revokedAt");
        // The issuer below the revoked department falls with it, from then on only.
        assertTrue(trust.isAccredited(ISSUER, TYPE_A, T0 + 30), "issuer valid before");
        assertFalse(trust.isAccredited(ISSUER, TYPE_A, T0 + 31), "issuer invalid after");
        assertFalse(trust.isActiveAt(issuer, T0 + 40), "isActiveAt after");
        assertTrue(trust.isActiveAt(issuer, T0 + 1), "isActiveAt before");
        vm.expectRevert(abi.encodeWithSelector(TrustedIssuerRegistry.TrustRegistryAlreadyRevoked.selector, dept));
        trust.revoke(dept);
        vm.expectRevert(abi.encodeWithSelector(TrustedIssuerRegistry.TrustRegistryAlreadyRevoked.selector, dept));
        trust.suspend(dept);
        vm.expectRevert(abi.encodeWithSelector(TrustedIssuerRegistry.TrustRegistryAlreadyRevoked.selector, dept));
        trust.reinstate(dept);
    }

    function test_parentSuspensionSuspendsTheChildForThatTime() public {
        (uint32 dept,) = _chain();
        vm.warp(T0 + 10);
        trust.suspend(dept);
        vm.warp(T0 + 20);
        trust.reinstate(dept);
        assertFalse(trust.isAccredited(ISSUER, TYPE_A, T0 + 15), "child suspended with its parent");
        assertTrue(trust.isAccredited(ISSUER, TYPE_A, T0 + 25), "child back with its parent");
    }

    function test_newerAccreditationCoversAfterOldOneRevoked() public {
        uint32 first = trust.accredit(DEPT, _scopes(TYPE_A), 0, FOREVER, false, 0);
        vm.warp(T0 + 10);
        trust.revoke(first);
        vm.warp(T0 + 20);
        uint32 second = trust.accredit(DEPT, _scopes(TYPE_A), 0, FOREVER, false, 0);
        assertEq(trust.accreditationAt(DEPT, TYPE_A, T0 + 5), first, "first covers the early time");
        assertEq(trust.accreditationAt(DEPT, TYPE_A, T0 + 15), 0, "gap");
        assertEq(trust.accreditationAt(DEPT, TYPE_A, T0 + 25), second, "second covers the late time");
        assertEq(trust.accreditationsOf(DEPT).length, 2, "both kept");
    }

    function test_revert_controlByStrangerOrByTheHolderItself() public {
        (uint32 dept, uint32 issuer) = _chain();
        vm.prank(OTHER);
        vm.expectRevert(abi.encodeWithSelector(TrustedIssuerRegistry.TrustRegistryNotController.selector, OTHER, issuer));
        trust.suspend(issuer);
        vm.prank(ISSUER);
        vm.expectRevert(abi.encodeWithSelector(TrustedIssuerRegistry.TrustRegistryNotController.selector, ISSUER, issuer));
        trust.revoke(issuer);
        vm.prank(DEPT);
        vm.expectRevert(abi.encodeWithSelector(TrustedIssuerRegistry.TrustRegistryNotController.selector, DEPT, dept));
        trust.reinstate(dept);
    }

    function test_revert_unknownAccreditation() public {
        vm.expectRevert(abi.encodeWithSelector(TrustedIssuerRegistry.TrustRegistryUnknownAccreditation.selector, 9));
        trust.suspend(9);
        vm.expectRevert(abi.encodeWithSelector(TrustedIssuerRegistry.TrustRegistryUnknownAccreditation.selector, 9));
        trust.getAccreditation(9);
        assertFalse(trust.isActiveAt(0, T0), "id 0");
        assertFalse(trust.isActiveAt(9, T0), "unknown id");
        assertFalse(trust.isActiveAt(1, uint256(type(uint40).max) + 1), "beyond uint40");
    }

    function test_revert_suspensionUnchanged() public {
        (, uint32 issuer) = _chain();
        vm.expectRevert(abi.encodeWithSelector(TrustedIssuerRegistry.TrustRegistrySuspensionUnchanged.selector, issuer, false));
        trust.reinstate(issuer);
        trust.suspend(issuer);
        vm.expectRevert(abi.encodeWithSelector(TrustedIssuerRegistry.TrustRegistrySuspensionUnchanged.selector, issuer, true));
        trust.suspend(issuer);
        trust.reinstate(issuer);
        vm.expectRevert(abi.encodeWithSelector(TrustedIssuerRegistry.TrustRegistrySuspensionUnchanged.selector, issuer, false));
        trust.reinstate(issuer);
    }

    function test_suspendAndReinstateInOneSecondLeaveNoGap() public {
        (, uint32 issuer) = _chain();
        trust.suspend(issuer);
        trust.reinstate(issuer);
        assertTrue(trust.isAccredited(ISSUER, TYPE_A, T0 + 1), "empty interval");
        vm.warp(T0 + 5);
        trust.suspend(issuer);
        assertFalse(trust.isAccredited(ISSUER, TYPE_A, T0 + 6), "second suspension");
        assertTrue(trust.isAccredited(ISSUER, TYPE_A, T0 + 3), "between the suspensions");
    }

    // ---------------------------------------------------------------- root authority

    function test_rootAuthorityTransfersInTwoSteps() public {
        trust.transferOwnership(OTHER);
        assertEq(trust.owner(), address(this), "still the old root until accepted");
        assertEq(trust.pendingOwner(), OTHER, "pending");
        vm.prank(OTHER);
        trust.acceptOwnership();
        assertEq(trust.owner(), OTHER, "new root");
        vm.expectRevert(abi.encodeWithSelector(TrustedIssuerRegistry.TrustRegistryNotGrantor.selector, address(this), 0));
        trust.accredit(DEPT, _scopes(TYPE_A), 0, FOREVER, false, 0);
        vm.prank(OTHER);
        trust.accredit(DEPT, _scopes(TYPE_A), 0, FOREVER, false, 0);
    }

    function test_revert_acceptByWrongAccount() public {
        trust.transferOwnership(OTHER);
        vm.prank(DEPT);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, DEPT));
        trust.acceptOwnership();
    }

    function test_revert_renounce() public {
        vm.expectRevert(TrustedIssuerRegistry.TrustRegistryRenounceDisabled.selector);
        trust.renounceOwnership();
        vm.prank(OTHER);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, OTHER));
        trust.renounceOwnership();
    }

    // ---------------------------------------------------------------- fuzz

    /// isAccredited follows the window exactly: [validFrom, validUntil).
    function testFuzz_window(uint40 startOffset, uint40 length, uint40 query) public {
        startOffset = uint40(bound(startOffset, 0, 1e9));
        length = uint40(bound(length, 1, 1e9));
        uint40 from = T0 + startOffset;
        uint40 until = from + length;
        trust.accredit(DEPT, _scopes(TYPE_A), from, until, false, 0);
        bool expected = query >= from && query < until;
        assertTrue(trust.isAccredited(DEPT, TYPE_A, query) == expected, "window");
    }

    /// Random suspend/reinstate sequences at random times: isAccredited at any moment matches a model of
    /// the intervals, and answers about the past never change while the sequence runs.
    function testFuzz_suspensionHistory(uint256 seed) public {
        uint32 id = trust.accredit(DEPT, _scopes(TYPE_A), 0, FOREVER, false, 0);
        uint40[16] memory from;
        uint40[16] memory until;
        uint256 n;
        bool suspended;
        uint40 t = T0;
        for (uint256 step = 0; step < 16; ++step) {
            t += uint40(uint256(keccak256(abi.encode(seed, step))) % 5);
            vm.warp(t);
            if (!suspended) {
                trust.suspend(id);
                from[n] = t + 1;
                n++;
            } else {
                trust.reinstate(id);
                until[n - 1] = t + 1;
            }
            suspended = !suspended;
            // Every moment up to now answers as the model says.
            for (uint40 q = T0; q <= t; ++q) {
                bool inSuspension;
                for (uint256 i = 0; i < n; ++i) {
                    if (q >= from[i] && (until[i] == 0 || q < until[i])) inSuspension = true;
                }
                assertTrue(trust.isAccredited(DEPT, TYPE_A, q) == !inSuspension, "model");
            }
        }
    }

    /// Whatever an accreditor tries to grant, what it gets never exceeds what it holds.
    function testFuzz_grantNeverWider(uint8 scopeMask, uint40 from, uint40 until, uint40 parentUntil) public {
        parentUntil = uint40(bound(parentUntil, T0 + 1, type(uint40).max));
        bytes32[3] memory all = [TYPE_A, TYPE_B, TYPE_C];
        uint32 dept = trust.accredit(DEPT, _scopes(TYPE_A, TYPE_B), 0, parentUntil, true, 0);
        uint256 count;
        for (uint256 i = 0; i < 3; ++i) if (scopeMask & (1 << i) != 0) count++;
        bytes32[] memory wanted = new bytes32[](count);
        count = 0;
        for (uint256 i = 0; i < 3; ++i) if (scopeMask & (1 << i) != 0) wanted[count++] = all[i];

        vm.prank(DEPT);
        try trust.accredit(ISSUER, wanted, from, until, true, dept) returns (uint32 child) {
            TrustedIssuerRegistry.Accreditation memory c = trust.getAccreditation(child);
            for (uint256 i = 0; i < c.scopes.length; ++i) {
                assertTrue(trust.hasScope(dept, c.scopes[i]), "child scope held by the parent");
            }
            assertTrue(c.validFrom >= T0 && c.validUntil <= parentUntil, "child window inside the parent's");
            assertTrue(wanted.length > 0 && scopeMask & 4 == 0, "accepted only subsets of A and B");
        } catch {
            assertTrue(
                wanted.length == 0 || scopeMask & 4 != 0 || until > parentUntil || (from != 0 && from < T0)
                    || until <= (from == 0 ? T0 : from),
                "refused a valid grant"
            );
        }
    }

    function bound(uint256 x, uint256 lo, uint256 hi) internal pure returns (uint256) {
        if (x >= lo && x <= hi) return x;
        return lo + (x % (hi - lo + 1));
    }
}
