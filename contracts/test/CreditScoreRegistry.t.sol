// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.29;

import {TrustedIssuerRegistry} from "../contracts/TrustedIssuerRegistry.sol";
import {CreditScoreRegistry} from "../contracts/CreditScoreRegistry.sol";
import {TestBase} from "./utils/Vm.sol";

contract CreditScoreRegistryTest is TestBase {
    TrustedIssuerRegistry private trust;
    CreditScoreRegistry private reg;

    address private constant BUREAU = address(0xB0);
    address private constant OTHER = address(0x0CC);
    bytes32 private constant BUREAU_SCOPE = keccak256("scope:credit-bureau");
    bytes32 private constant MODEL = keccak256("person-model v1 definition");
    uint40 private constant T0 = 1_000_000;

    event ModelRegistered(bytes32 indexed modelHash, address indexed bureau, string name);
    event EpochPublished(
        address indexed bureau, uint64 indexed epoch, bytes32 indexed modelHash, bytes32 root, uint32 subjectCount
    );
    event EpochRevoked(address indexed bureau, uint64 indexed epoch, address indexed by, bytes32 reason);

    function setUp() public {
        vm.warp(T0);
        trust = new TrustedIssuerRegistry(address(this));
        reg = new CreditScoreRegistry(trust, BUREAU_SCOPE);
        bytes32[] memory scopes = new bytes32[](1);
        scopes[0] = BUREAU_SCOPE;
        trust.accredit(BUREAU, scopes, 0, FOREVER, false, 0);
    }

    function _leaf(bytes32 subject, bytes32 scoreHash) private pure returns (bytes32) {
        return keccak256(bytes.concat(keccak256(abi.encode(subject, scoreHash))));
    }

    function _pair(bytes32 a, bytes32 b) private pure returns (bytes32) {
        return a < b ? keccak256(abi.encode(a, b)) : keccak256(abi.encode(b, a));
    }

    function test_registerModelAndPublishEpoch() public {
        vm.expectEmit();
        emit ModelRegistered(MODEL, BUREAU, "person-v1");
        vm.prank(BUREAU);
        reg.registerModel(MODEL, "person-v1");
        CreditScoreRegistry.Model memory m = reg.getModel(MODEL);
        assertEq(m.modelHash, MODEL, "hash");
        assertEq(m.bureau, BUREAU, "bureau");
        assertEq(m.registeredAt, T0, "registeredAt");
        assertTrue(keccak256(bytes(m.name)) == keccak256("person-v1"), "name");
        assertEq(reg.bureauScope(), BUREAU_SCOPE, "scope");
        assertEq(address(reg.trustRegistry()), address(trust), "trust");

        bytes32 l0 = _leaf(keccak256("s0"), keccak256("score0"));
        bytes32 l1 = _leaf(keccak256("s1"), keccak256("score1"));
        bytes32 root = _pair(l0, l1);
        vm.expectEmit();
        emit EpochPublished(BUREAU, 202612, MODEL, root, 2);
        vm.prank(BUREAU);
        reg.publishEpoch(202612, MODEL, root, 2);
        CreditScoreRegistry.Epoch memory e = reg.getEpoch(BUREAU, 202612);
        assertEq(e.root, root, "root");
        assertEq(e.modelHash, MODEL, "model");
        assertEq(e.subjectCount, 2, "count");
        assertEq(e.publishedAt, T0, "publishedAt");
        assertEq(reg.latestEpoch(BUREAU), 202612, "latest");
        assertEq(reg.scoreLeaf(keccak256("s0"), keccak256("score0")), l0, "leaf encoding");

        bytes32[] memory proof = new bytes32[](1);
        proof[0] = l1;
        assertTrue(reg.isScoreIncluded(BUREAU, 202612, keccak256("s0"), keccak256("score0"), proof), "included");
        assertFalse(reg.isScoreIncluded(BUREAU, 202612, keccak256("s0"), keccak256("forged"), proof), "forged");
        assertFalse(reg.isScoreIncluded(BUREAU, 1, keccak256("s0"), keccak256("score0"), proof), "unknown epoch");

        vm.expectEmit();
        emit EpochRevoked(BUREAU, 202612, BUREAU, bytes32("model-error"));
        vm.prank(BUREAU);
        reg.revokeEpoch(BUREAU, 202612, bytes32("model-error"));
        e = reg.getEpoch(BUREAU, 202612);
        assertEq(e.revokedAt, T0, "revokedAt");
        assertEq(e.revocationReason, bytes32("model-error"), "reason");
        assertFalse(reg.isScoreIncluded(BUREAU, 202612, keccak256("s0"), keccak256("score0"), proof), "revoked");
    }

    function test_revert_models() public {
        vm.startPrank(BUREAU);
        vm.expectRevert(abi.encodeWithSelector(CreditScoreRegistry.CreditInvalidModel.selector, bytes32(0)));
        reg.registerModel(bytes32(0), "x");
        vm.expectRevert(abi.encodeWithSelector(CreditScoreRegistry.CreditInvalidModel.selector, MODEL));
        reg.registerModel(MODEL, "");
        reg.registerModel(MODEL, "person-v1");
        vm.expectRevert(abi.encodeWithSelector(CreditScoreRegistry.CreditModelExists.selector, MODEL));
        reg.registerModel(MODEL, "again");
        vm.stopPrank();
        vm.prank(OTHER);
        vm.expectRevert(abi.encodeWithSelector(CreditScoreRegistry.CreditBureauNotAccredited.selector, OTHER));
        reg.registerModel(keccak256("m2"), "company-v1");
        vm.expectRevert(abi.encodeWithSelector(CreditScoreRegistry.CreditUnknownModel.selector, keccak256("m3")));
        reg.getModel(keccak256("m3"));
    }

    function test_revert_epochs() public {
        vm.startPrank(BUREAU);
        reg.registerModel(MODEL, "person-v1");
        vm.expectRevert(abi.encodeWithSelector(CreditScoreRegistry.CreditInvalidEpoch.selector, uint64(1)));
        reg.publishEpoch(1, MODEL, bytes32(0), 5);
        vm.expectRevert(abi.encodeWithSelector(CreditScoreRegistry.CreditInvalidEpoch.selector, uint64(1)));
        reg.publishEpoch(1, MODEL, bytes32(uint256(1)), 0);
        vm.expectRevert(abi.encodeWithSelector(CreditScoreRegistry.CreditUnknownModel.selector, keccak256("m9")));
        reg.publishEpoch(1, keccak256("m9"), bytes32(uint256(1)), 5);
        reg.publishEpoch(5, MODEL, bytes32(uint256(1)), 5);
        vm.expectRevert(abi.encodeWithSelector(CreditScoreRegistry.CreditEpochNotIncreasing.selector, uint64(5), uint64(5)));
        reg.publishEpoch(5, MODEL, bytes32(uint256(2)), 5);
        vm.expectRevert(abi.encodeWithSelector(CreditScoreRegistry.CreditEpochNotIncreasing.selector, uint64(5), uint64(4)));
        reg.publishEpoch(4, MODEL, bytes32(uint256(2)), 5);
        vm.expectRevert(abi.encodeWithSelector(CreditScoreRegistry.CreditUnknownEpoch.selector, BUREAU, uint64(4)));
        reg.revokeEpoch(BUREAU, 4, bytes32(0));
        reg.revokeEpoch(BUREAU, 5, bytes32("x"));
        vm.expectRevert(abi.encodeWithSelector(CreditScoreRegistry.CreditEpochAlreadyRevoked.selector, BUREAU, uint64(5)));
        reg.revokeEpoch(BUREAU, 5, bytes32("x"));
        vm.stopPrank();
        vm.prank(OTHER);
        vm.expectRevert(abi.encodeWithSelector(CreditScoreRegistry.CreditBureauNotAccredited.selector, OTHER));
        reg.publishEpoch(1, MODEL, bytes32(uint256(1)), 5);
        vm.prank(OTHER);
        vm.expectRevert(abi.encodeWithSelector(CreditScoreRegistry.CreditUnauthorized.selector, OTHER, BUREAU));
        reg.revokeEpoch(BUREAU, 5, bytes32(0));
        vm.expectRevert(abi.encodeWithSelector(CreditScoreRegistry.CreditUnknownEpoch.selector, BUREAU, uint64(6)));
        reg.getEpoch(BUREAU, 6);
    }

    function test_rootAuthorityRevokesAnEpoch() public {
        vm.startPrank(BUREAU);
        reg.registerModel(MODEL, "person-v1");
        reg.publishEpoch(1, MODEL, bytes32(uint256(1)), 5);
        vm.stopPrank();
        vm.expectEmit();
        emit EpochRevoked(BUREAU, 1, address(this), bytes32("fraud"));
        reg.revokeEpoch(BUREAU, 1, bytes32("fraud"));
    }
}
