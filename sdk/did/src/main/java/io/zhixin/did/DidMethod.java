package io.zhixin.did;

/**
 * A DID method driver: resolves DIDs of one method. Register drivers with {@link DidResolver.Builder#method}; other
 * modules (e.g. did:ethr on the chain client) implement this interface.
 *
 * <p>Implementations must be thread-safe. They should report failures as {@link DidResolutionResult#failure}; a
 * {@link DidResolutionException} or any other runtime exception they throw is turned by {@link DidResolver} into a
 * failed result ({@code internalError} for exceptions other than {@link DidResolutionException}).
 */
public interface DidMethod {

  /** The method name this driver handles, e.g. {@code key} (lowercase, as in the DID). */
  String name();

  /** Resolves {@code did}, whose {@link Did#method()} equals {@link #name()}. */
  DidResolutionResult resolve(Did did);
}
