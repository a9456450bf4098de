// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.29;

import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";

/// @title EthereumDIDRegistry
/// @notice A registry of Ethereum identities with the semantics of ERC-1056 ("Lightweight Identity"), the
/// registry behind the did:ethr method. Every identity (an address) exists without registration and is
/// owned by itself until its owner names another owner. The owner may add time-limited delegates and
/// publish attributes (keys, service endpoints) as events; a did:ethr resolver rebuilds the DID document
/// by following the `previousChange` block numbers backwards through the events.
///
/// The function and event ABI is identical to the reference ERC-1056 registry (names, parameter names,
/// types, indexing), and so is the layout of the messages signed for the `*Signed` variants:
/// `keccak256(0x19 ‖ 0x00 ‖ registry ‖ nonce[owner] ‖ identity ‖ functionName ‖ arguments)`, every
/// field `abi.encodePacked`, the nonce a 32-byte word, the function name its ASCII bytes. A standard
/// did:ethr resolver pointed at this contract therefore resolves the same documents.
///
/// Differences from the reference, none visible to a resolver: reverts carry custom errors instead of the
/// strings `bad_actor` / `bad_signature`; signatures go through OpenZeppelin {ECDSA}, so malleable
/// (high-s) signatures and signatures recovering to the zero address are refused.
///
/// NOTE: Following ERC-1056, a change is recorded (and its event emitted) on every successful call, even
/// when it repeats the current value: the event log is the identity's publication history.
///
/// NOTE: Following ERC-1056, changing the owner to the zero address deactivates the DID for resolvers,
/// but {identityOwner} then answers the identity itself again, as in the reference registry.
contract EthereumDIDRegistry {
    /// @notice The owner named for an identity; zero when the identity still owns itself.
    /// @dev Public (not private, as the house style would have it) because the ERC-1056 ABI exposes it.
    mapping(address => address) public owners;

    /// @notice `delegates[identity][keccak256(delegateType)][delegate]` is the timestamp up to which the
    /// delegate is valid (exclusive); zero when never added.
    mapping(address => mapping(bytes32 => mapping(address => uint256))) public delegates;

    /// @notice The block number of the identity's latest change; zero when it never changed. Resolvers start
    /// their walk back through the events here.
    mapping(address => uint256) public changed;

    /// @notice The number of signed changes made by `signer` so far; the next signed message must carry it.
    mapping(address => uint256) public nonce;

    /// @notice The identity's owner changed to `owner`. `previousChange` links to the block of the
    /// identity's previous change.
    event DIDOwnerChanged(address indexed identity, address owner, uint256 previousChange);

    /// @notice A delegate of type `delegateType` was added (valid until `validTo`) or revoked
    /// (`validTo` = the revocation time).
    event DIDDelegateChanged(
        address indexed identity, bytes32 delegateType, address delegate, uint256 validTo, uint256 previousChange
    );

    /// @notice An attribute was published (valid until `validTo`) or revoked (`validTo` = 0).
    event DIDAttributeChanged(
        address indexed identity, bytes32 name, bytes value, uint256 validTo, uint256 previousChange
    );

    /// @notice `actor` is not the current owner `owner` of `identity`.
    error DIDRegistryBadActor(address identity, address actor, address owner);

    /// @notice The signature over a `*Signed` message recovers to `signer`, not to the owner `owner` of
    /// `identity` (or it is malformed, then `signer` is zero).
    error DIDRegistryBadSignature(address identity, address signer, address owner);

    /// @notice The current owner of `identity`: the named owner, or the identity itself when none is named.
    function identityOwner(address identity) external view returns (address) {
        return _identityOwner(identity);
    }

    /// @notice Whether `delegate` is, right now, a valid delegate of type `delegateType` for `identity`.
    function validDelegate(address identity, bytes32 delegateType, address delegate) external view returns (bool) {
        return delegates[identity][_typeKey(delegateType)][delegate] > block.timestamp;
    }

    /// @notice Makes `newOwner` the owner of `identity`. Only the current owner may call it.
    /// @dev Emits {DIDOwnerChanged}. Reverts with {DIDRegistryBadActor}.
    function changeOwner(address identity, address newOwner) external {
        _changeOwner(identity, msg.sender, newOwner);
    }

    /// @notice {changeOwner} authorised by the owner's signature over
    /// `0x19 0x00 registry nonce identity "changeOwner" newOwner`; anyone may submit it.
    /// @dev Emits {DIDOwnerChanged}. Reverts with {DIDRegistryBadSignature}.
    function changeOwnerSigned(address identity, uint8 sigV, bytes32 sigR, bytes32 sigS, address newOwner) external {
        address owner = _identityOwner(identity);
        bytes32 hash = keccak256(
            abi.encodePacked(bytes1(0x19), bytes1(0), address(this), nonce[owner], identity, "changeOwner", newOwner)
        );
        _changeOwner(identity, _checkSignature(identity, owner, sigV, sigR, sigS, hash), newOwner);
    }

    /// @notice Adds `delegate` as a delegate of type `delegateType` (e.g. "veriKey", "sigAuth") of
    /// `identity` for `validity` seconds from now. Only the current owner may call it.
    /// @dev Emits {DIDDelegateChanged}. Reverts with {DIDRegistryBadActor}.
    function addDelegate(address identity, bytes32 delegateType, address delegate, uint256 validity) external {
        _addDelegate(identity, msg.sender, delegateType, delegate, validity);
    }

    /// @notice {addDelegate} authorised by the owner's signature over
    /// `0x19 0x00 registry nonce identity "addDelegate" delegateType delegate validity`.
    /// @dev Emits {DIDDelegateChanged}. Reverts with {DIDRegistryBadSignature}.
    function addDelegateSigned(
        address identity,
        uint8 sigV,
        bytes32 sigR,
        bytes32 sigS,
        bytes32 delegateType,
        address delegate,
        uint256 validity
    ) external {
        address owner = _identityOwner(identity);
        bytes32 hash = keccak256(
            abi.encodePacked(
                bytes1(0x19),
                bytes1(0),
                address(this),
                nonce[owner],
                identity,
                "addDelegate",
                delegateType,
                delegate,
                validity
            )
        );
        _addDelegate(identity, _checkSignature(identity, owner, sigV, sigR, sigS, hash), delegateType, delegate, validity);
    }

    /// @notice Ends the validity of `delegate` as a delegate of type `delegateType` of `identity` now.
    /// Only the current owner may call it.
    /// @dev Emits {DIDDelegateChanged} with `validTo` = now. Reverts with {DIDRegistryBadActor}.
    function revokeDelegate(address identity, bytes32 delegateType, address delegate) external {
        _revokeDelegate(identity, msg.sender, delegateType, delegate);
    }

    /// @notice {revokeDelegate} authorised by the owner's signature over
    /// `0x19 0x00 registry nonce identity "revokeDelegate" delegateType delegate`.
    /// @dev Emits {DIDDelegateChanged}. Reverts with {DIDRegistryBadSignature}.
    function revokeDelegateSigned(
        address identity,
        uint8 sigV,
        bytes32 sigR,
        bytes32 sigS,
        bytes32 delegateType,
        address delegate
    ) external {
        address owner = _identityOwner(identity);
        bytes32 hash = keccak256(
            abi.encodePacked(
                bytes1(0x19), bytes1(0), address(this), nonce[owner], identity, "revokeDelegate", delegateType, delegate
            )
        );
        _revokeDelegate(identity, _checkSignature(identity, owner, sigV, sigR, sigS, hash), delegateType, delegate);
    }

    /// @notice Publishes attribute `name` (e.g. "did/pub/Secp256k1/veriKey/hex", "did/svc/HubService") with
    /// `value` for `validity` seconds from now. The value lives only in the event log, not in storage.
    /// Only the current owner may call it.
    /// @dev Emits {DIDAttributeChanged}. Reverts with {DIDRegistryBadActor}.
    function setAttribute(address identity, bytes32 name, bytes calldata value, uint256 validity) external {
        _setAttribute(identity, msg.sender, name, value, validity);
    }

    /// @notice {setAttribute} authorised by the owner's signature over
    /// `0x19 0x00 registry nonce identity "setAttribute" name value validity`.
    /// @dev Emits {DIDAttributeChanged}. Reverts with {DIDRegistryBadSignature}.
    function setAttributeSigned(
        address identity,
        uint8 sigV,
        bytes32 sigR,
        bytes32 sigS,
        bytes32 name,
        bytes calldata value,
        uint256 validity
    ) external {
        address owner = _identityOwner(identity);
        bytes32 hash = keccak256(
            abi.encodePacked(
                bytes1(0x19), bytes1(0), address(this), nonce[owner], identity, "setAttribute", name, value, validity
            )
        );
        _setAttribute(identity, _checkSignature(identity, owner, sigV, sigR, sigS, hash), name, value, validity);
    }

    /// @notice Revokes attribute `name` with `value`. Only the current owner may call it.
    /// @dev Emits {DIDAttributeChanged} with `validTo` = 0. Reverts with {DIDRegistryBadActor}.
    function revokeAttribute(address identity, bytes32 name, bytes calldata value) external {
        _revokeAttribute(identity, msg.sender, name, value);
    }

    /// @notice {revokeAttribute} authorised by the owner's signature over
    /// `0x19 0x00 registry nonce identity "revokeAttribute" name value`.
    /// @dev Emits {DIDAttributeChanged}. Reverts with {DIDRegistryBadSignature}.
    function revokeAttributeSigned(
        address identity,
        uint8 sigV,
        bytes32 sigR,
        bytes32 sigS,
        bytes32 name,
        bytes calldata value
    ) external {
        address owner = _identityOwner(identity);
        bytes32 hash = keccak256(
            abi.encodePacked(bytes1(0x19), bytes1(0), address(this), nonce[owner], identity, "revokeAttribute", name, value)
        );
        _revokeAttribute(identity, _checkSignature(identity, owner, sigV, sigR, sigS, hash), name, value);
    }

    function _changeOwner(address identity, address actor, address newOwner) private {
        _onlyOwner(identity, actor);
        owners[identity] = newOwner;
        emit DIDOwnerChanged(identity, newOwner, changed[identity]);
        changed[identity] = block.number;
    }

    function _addDelegate(address identity, address actor, bytes32 delegateType, address delegate, uint256 validity)
        private
    {
        _onlyOwner(identity, actor);
        uint256 validTo = block.timestamp + validity;
        delegates[identity][_typeKey(delegateType)][delegate] = validTo;
        emit DIDDelegateChanged(identity, delegateType, delegate, validTo, changed[identity]);
        changed[identity] = block.number;
    }

    function _revokeDelegate(address identity, address actor, bytes32 delegateType, address delegate) private {
        _onlyOwner(identity, actor);
        delegates[identity][_typeKey(delegateType)][delegate] = block.timestamp;
        emit DIDDelegateChanged(identity, delegateType, delegate, block.timestamp, changed[identity]);
        changed[identity] = block.number;
    }

    function _setAttribute(address identity, address actor, bytes32 name, bytes calldata value, uint256 validity)
        private
    {
        _onlyOwner(identity, actor);
        emit DIDAttributeChanged(identity, name, value, block.timestamp + validity, changed[identity]);
        changed[identity] = block.number;
    }

    function _revokeAttribute(address identity, address actor, bytes32 name, bytes calldata value) private {
        _onlyOwner(identity, actor);
        emit DIDAttributeChanged(identity, name, value, 0, changed[identity]);
        changed[identity] = block.number;
    }

    function _identityOwner(address identity) private view returns (address owner) {
        owner = owners[identity];
        if (owner == address(0)) owner = identity;
    }

    function _onlyOwner(address identity, address actor) private view {
        address owner = _identityOwner(identity);
        if (actor != owner) revert DIDRegistryBadActor(identity, actor, owner);
    }

    /// @dev Recovers the signer of `hash`, requires it to be `owner` and consumes the owner's nonce.
    function _checkSignature(address identity, address owner, uint8 sigV, bytes32 sigR, bytes32 sigS, bytes32 hash)
        private
        returns (address)
    {
        (address signer,,) = ECDSA.tryRecover(hash, sigV, sigR, sigS);
        if (signer != owner || signer == address(0)) revert DIDRegistryBadSignature(identity, signer, owner);
        unchecked {
            // A nonce cannot reach 2^256: every increment costs a signed transaction.
            ++nonce[signer];
        }
        return signer;
    }

    /// @dev The key under which a delegate type is stored, as in the reference registry.
    function _typeKey(bytes32 delegateType) private pure returns (bytes32) {
        return keccak256(abi.encode(delegateType));
    }
}
