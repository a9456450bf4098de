package io.zhixin.wallet;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What happened after the wallet answered a presentation request.
 *
 * @param disclosed what was disclosed, by credential query id (slash-separated claim paths)
 * @param redirectUri where the verifier wants the user sent next (same-device flow), or null
 */
public record PresentationOutcome(Map<String, Set<String>> disclosed, String redirectUri) {
  public Optional<String> redirect() {
    return Optional.ofNullable(redirectUri);
  }
}
