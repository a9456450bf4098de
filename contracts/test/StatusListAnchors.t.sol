// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.29;

import {StatusListAnchors} from "../contracts/StatusListAnchors.sol";

contract StatusListAnchorsTest {
    StatusListAnchors private anchors;
    bytes32 private constant LIST = keccak256("list-1");

    function setUp() public {
        anchors = new StatusListAnchors();
    }

    function test_anchorThenRead() public {
        anchors.anchor(LIST, 1, keccak256("v1"));
        (uint64 version, bytes32 digest,) = anchors.latest(address(this), LIST);
        require(version == 1, "version");
        require(digest == keccak256("v1"), "digest");
    }

    function test_refusesOldVersion() public {
        anchors.anchor(LIST, 2, keccak256("v2"));
        try anchors.anchor(LIST, 2, keccak256("again")) {
            revert("replayed version accepted");
        } catch (bytes memory reason) {
            require(
                bytes4(reason) == StatusListAnchors.StatusListVersionNotIncreasing.selector, "wrong error"
            );
        }
    }

    function testFuzz_versionsOnlyGrow(uint64 first, uint64 second) public {
        if (first == 0) first = 1;
        anchors.anchor(LIST, first, keccak256("a"));
        try anchors.anchor(LIST, second, keccak256("b")) {
            require(second > first, "accepted a version that does not grow");
        } catch {
            require(second <= first, "refused a growing version");
        }
    }
}

contract StatusListAnchorsHistoryTest {
    StatusListAnchors private anchors;
    bytes32 private constant LIST = keccak256("list-1");

    event StatusListAnchored(address indexed issuer, bytes32 indexed listId, uint64 version, bytes32 digest);

    function setUp() public {
        anchors = new StatusListAnchors();
    }

    function test_everyVersionStaysReadable() public {
        anchors.anchor(LIST, 1, keccak256("v1"));
        anchors.anchor(LIST, 3, keccak256("v3"));
        require(anchors.digestAt(address(this), LIST, 1) == keccak256("v1"), "v1 kept");
        require(anchors.digestAt(address(this), LIST, 3) == keccak256("v3"), "v3");
        require(anchors.digestAt(address(this), LIST, 2) == bytes32(0), "v2 never anchored");
        (uint64 version,, uint64 anchoredAt) = anchors.latest(address(this), LIST);
        require(version == 3 && anchoredAt == block.timestamp, "latest");
        (uint64 none,,) = anchors.latest(address(0xBEEF), LIST);
        require(none == 0, "another issuer's namespace is empty");
    }

    function test_refusesEmptyDigest() public {
        try anchors.anchor(LIST, 1, bytes32(0)) {
            revert("empty digest accepted");
        } catch (bytes memory reason) {
            require(keccak256(reason) == keccak256(abi.encodeWithSelector(StatusListAnchors.StatusListEmptyDigest.selector, LIST)), "wrong error");
        }
    }
}
