// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.29;

import {TrustedIssuerRegistry} from "../contracts/TrustedIssuerRegistry.sol";
import {SubsidyClaimRegistry} from "../contracts/SubsidyClaimRegistry.sol";
import {TestBase} from "./utils/Vm.sol";

contract SubsidyClaimRegistryTest is TestBase {
    TrustedIssuerRegistry private trust;
    SubsidyClaimRegistry private reg;

    address private constant AGENCY = address(0xA6E);
    address private constant OFFICE_1 = address(0x0F1);
    address private constant OFFICE_2 = address(0x0F2);
    address private constant OTHER = address(0x0CC);
    bytes32 private constant SCOPE = keccak256("type:SubsidyEligibility");
    bytes32 private constant PROG = keccak256("programme:elderly-care-2026");
    bytes32 private constant N1 = keccak256("nullifier 1");
    bytes32 private constant N2 = keccak256("nullifier 2");
    uint40 private constant T0 = 1_000_000;

    function setUp() public {
        vm.warp(T0);
        trust = new TrustedIssuerRegistry(address(this));
        reg = new SubsidyClaimRegistry(trust);
        bytes32[] memory scopes = new bytes32[](1);
        scopes[0] = SCOPE;
        trust.accredit(AGENCY, scopes, 0, FOREVER, false, 0);
    }

    function _open(uint96 budget, uint96 amount) private {
        vm.prank(AGENCY);
        reg.openProgramme(PROG, SCOPE, budget, amount, 0, T0 + 100);
        vm.prank(AGENCY);
        reg.setOffice(PROG, OFFICE_1, true);
        vm.prank(AGENCY);
        reg.setOffice(PROG, OFFICE_2, true);
    }

    function test_openProgramme() public {
        vm.expectEmit();
        emit SubsidyClaimRegistry.ProgrammeOpened(PROG, AGENCY, SCOPE, 1000, 100, T0, T0 + 100);
        vm.prank(AGENCY);
        reg.openProgramme(PROG, SCOPE, 1000, 100, 0, T0 + 100);
        SubsidyClaimRegistry.Programme memory p = reg.getProgramme(PROG);
        assertEq(p.agency, AGENCY, "agency");
        assertEq(p.scope, SCOPE, "scope");
        assertEq(p.opensAt, T0, "opensAt = now");
        assertEq(p.closesAt, T0 + 100, "closesAt");
        assertFalse(p.closed, "closed");
        assertEq(p.budget, 1000, "budget");
        assertEq(p.amountPerClaim, 100, "amount");
        assertEq(p.claims, 0, "claims");
        assertEq(reg.remainingBudget(PROG), 1000, "remaining");
        assertTrue(reg.isOffice(PROG, AGENCY), "agency may record claims");
        assertFalse(reg.isOffice(PROG, OFFICE_1), "office not yet");
        assertFalse(reg.isOffice(keccak256("none"), AGENCY), "unknown programme");
        assertEq(address(reg.trustRegistry()), address(trust), "trustRegistry");
    }

    function test_revert_openProgramme() public {
        vm.startPrank(AGENCY);
        vm.expectRevert(abi.encodeWithSelector(SubsidyClaimRegistry.SubsidyInvalidTerms.selector, bytes32(0)));
        reg.openProgramme(bytes32(0), SCOPE, 1000, 100, 0, T0 + 100);
        vm.expectRevert(abi.encodeWithSelector(SubsidyClaimRegistry.SubsidyInvalidTerms.selector, PROG));
        reg.openProgramme(PROG, SCOPE, 1000, 0, 0, T0 + 100);
        vm.expectRevert(abi.encodeWithSelector(SubsidyClaimRegistry.SubsidyInvalidTerms.selector, PROG));
        reg.openProgramme(PROG, SCOPE, 99, 100, 0, T0 + 100);
        vm.expectRevert(abi.encodeWithSelector(SubsidyClaimRegistry.SubsidyInvalidTerms.selector, PROG));
        reg.openProgramme(PROG, SCOPE, 1000, 100, T0 + 50, T0 + 50);
        vm.expectRevert(abi.encodeWithSelector(SubsidyClaimRegistry.SubsidyInvalidTerms.selector, PROG));
        reg.openProgramme(PROG, SCOPE, 1000, 100, T0 - 100, T0);
        vm.expectRevert(abi.encodeWithSelector(SubsidyClaimRegistry.SubsidyAgencyNotAccredited.selector, AGENCY, bytes32("other")));
        reg.openProgramme(PROG, bytes32("other"), 1000, 100, 0, T0 + 100);
        reg.openProgramme(PROG, SCOPE, 1000, 100, 0, T0 + 100);
        vm.expectRevert(abi.encodeWithSelector(SubsidyClaimRegistry.SubsidyProgrammeExists.selector, PROG));
        reg.openProgramme(PROG, SCOPE, 1000, 100, 0, T0 + 100);
        vm.stopPrank();
        vm.prank(OTHER);
        vm.expectRevert(abi.encodeWithSelector(SubsidyClaimRegistry.SubsidyAgencyNotAccredited.selector, OTHER, SCOPE));
        reg.openProgramme(keccak256("p2"), SCOPE, 1000, 100, 0, T0 + 100);
    }

    function test_offices() public {
        vm.prank(AGENCY);
        reg.openProgramme(PROG, SCOPE, 1000, 100, 0, T0 + 100);
        vm.expectEmit();
        emit SubsidyClaimRegistry.OfficeChanged(PROG, OFFICE_1, true);
        vm.prank(AGENCY);
        reg.setOffice(PROG, OFFICE_1, true);
        assertTrue(reg.isOffice(PROG, OFFICE_1), "authorized");
        vm.prank(AGENCY);
        vm.expectRevert(abi.encodeWithSelector(SubsidyClaimRegistry.SubsidyOfficeUnchanged.selector, PROG, OFFICE_1, true));
        reg.setOffice(PROG, OFFICE_1, true);
        vm.expectEmit();
        emit SubsidyClaimRegistry.OfficeChanged(PROG, OFFICE_1, false);
        vm.prank(AGENCY);
        reg.setOffice(PROG, OFFICE_1, false);
        assertFalse(reg.isOffice(PROG, OFFICE_1), "deauthorized");
        vm.prank(OTHER);
        vm.expectRevert(abi.encodeWithSelector(SubsidyClaimRegistry.SubsidyNotAgency.selector, OTHER, PROG));
        reg.setOffice(PROG, OTHER, true);
        vm.expectRevert(abi.encodeWithSelector(SubsidyClaimRegistry.SubsidyUnknownProgramme.selector, keccak256("none")));
        reg.setOffice(keccak256("none"), OTHER, true);
    }

    function test_claimOnceAcrossOffices() public {
        _open(1000, 100);
        vm.expectEmit();
        emit SubsidyClaimRegistry.SubsidyClaimed(PROG, N1, OFFICE_1, 100, 1);
        vm.prank(OFFICE_1);
        reg.claim(PROG, N1);
        assertEq(reg.claimedAt(PROG, N1), T0, "claimedAt");
        assertEq(reg.remainingBudget(PROG), 900, "remaining");
        vm.warp(T0 + 10);
        vm.prank(OFFICE_2);
        vm.expectRevert(abi.encodeWithSelector(SubsidyClaimRegistry.SubsidyAlreadyClaimed.selector, PROG, N1, uint256(T0)));
        reg.claim(PROG, N1);
        vm.prank(AGENCY);
        reg.claim(PROG, N2);
        assertEq(reg.getProgramme(PROG).claims, 2, "claims");
    }

    function test_revert_claim() public {
        _open(250, 100);
        vm.prank(OFFICE_1);
        vm.expectRevert(SubsidyClaimRegistry.SubsidyZeroNullifier.selector);
        reg.claim(PROG, bytes32(0));
        vm.prank(OFFICE_1);
        vm.expectRevert(abi.encodeWithSelector(SubsidyClaimRegistry.SubsidyUnknownProgramme.selector, keccak256("none")));
        reg.claim(keccak256("none"), N1);
        vm.prank(OTHER);
        vm.expectRevert(abi.encodeWithSelector(SubsidyClaimRegistry.SubsidyNotOffice.selector, OTHER, PROG));
        reg.claim(PROG, N1);
        vm.prank(OFFICE_1);
        reg.claim(PROG, N1);
        vm.prank(OFFICE_1);
        reg.claim(PROG, N2);
        vm.prank(OFFICE_1);
        vm.expectRevert(abi.encodeWithSelector(SubsidyClaimRegistry.SubsidyBudgetExhausted.selector, PROG, uint256(50)));
        reg.claim(PROG, keccak256("n3"));
    }

    function test_revert_claimOutsideWindow() public {
        vm.prank(AGENCY);
        reg.openProgramme(PROG, SCOPE, 1000, 100, T0 + 10, T0 + 20);
        vm.warp(T0 + 9);
        vm.prank(AGENCY);
        vm.expectRevert(abi.encodeWithSelector(SubsidyClaimRegistry.SubsidyOutsideWindow.selector, PROG, uint256(T0 + 9)));
        reg.claim(PROG, N1);
        vm.warp(T0 + 10);
        vm.prank(AGENCY);
        reg.claim(PROG, N1);
        vm.warp(T0 + 20);
        vm.prank(AGENCY);
        vm.expectRevert(abi.encodeWithSelector(SubsidyClaimRegistry.SubsidyOutsideWindow.selector, PROG, uint256(T0 + 20)));
        reg.claim(PROG, N2);
    }

    function test_closeProgramme() public {
        _open(1000, 100);
        vm.expectEmit();
        emit SubsidyClaimRegistry.ProgrammeClosed(PROG, AGENCY);
        vm.prank(AGENCY);
        reg.closeProgramme(PROG);
        assertTrue(reg.getProgramme(PROG).closed, "closed");
        vm.prank(OFFICE_1);
        vm.expectRevert(abi.encodeWithSelector(SubsidyClaimRegistry.SubsidyOutsideWindow.selector, PROG, uint256(T0)));
        reg.claim(PROG, N1);
        vm.prank(AGENCY);
        vm.expectRevert(abi.encodeWithSelector(SubsidyClaimRegistry.SubsidyOutsideWindow.selector, PROG, uint256(T0)));
        reg.closeProgramme(PROG);
    }

    function test_rootAuthorityClosesAProgramme() public {
        _open(1000, 100);
        vm.expectEmit();
        emit SubsidyClaimRegistry.ProgrammeClosed(PROG, address(this));
        reg.closeProgramme(PROG);
        vm.prank(OTHER);
        vm.expectRevert(abi.encodeWithSelector(SubsidyClaimRegistry.SubsidyNotAgency.selector, OTHER, PROG));
        reg.closeProgramme(PROG);
        vm.expectRevert(abi.encodeWithSelector(SubsidyClaimRegistry.SubsidyUnknownProgramme.selector, keccak256("none")));
        reg.getProgramme(keccak256("none"));
        vm.expectRevert(abi.encodeWithSelector(SubsidyClaimRegistry.SubsidyUnknownProgramme.selector, keccak256("none")));
        reg.remainingBudget(keccak256("none"));
    }

    /// Any sequence of claims: a nullifier succeeds at most once, the budget never goes below zero.
    function testFuzz_claims(bytes32[8] memory nullifiers, uint96 budget, uint96 amount) public {
        amount = uint96(1 + (amount % 1000));
        budget = uint96(amount + (budget % 5000));
        vm.prank(AGENCY);
        reg.openProgramme(PROG, SCOPE, budget, amount, 0, T0 + 100);
        uint256 paid;
        for (uint256 i = 0; i < nullifiers.length; ++i) {
            bytes32 n = nullifiers[i];
            bool seen;
            for (uint256 j = 0; j < i; ++j) if (nullifiers[j] == n && reg.claimedAt(PROG, n) != 0) seen = true;
            vm.prank(AGENCY);
            try reg.claim(PROG, n) {
                assertFalse(seen, "a nullifier claimed twice");
                assertTrue(n != bytes32(0), "zero nullifier accepted");
                paid += amount;
            } catch {
                assertTrue(seen || n == bytes32(0) || paid + amount > budget, "a valid claim refused");
            }
            assertTrue(paid <= budget, "over budget");
        }
        assertEq(reg.remainingBudget(PROG), budget - paid, "remaining");
    }
}
