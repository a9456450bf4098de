package io.zhixin.samples.portals;

import io.zhixin.http.HttpCall;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Browser sessions of one portal: a random id in an {@code HttpOnly}, {@code SameSite=Strict} cookie, state in
 * memory, 30 minutes idle timeout. The id is replaced when the visitor logs in (no session fixation).
 */
final class WebSessions {
  private static final Duration IDLE = Duration.ofMinutes(30);
  private final String cookie;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, WebSession> sessions = new ConcurrentHashMap<>();
  private final Clock clock = Clock.systemUTC();

  WebSessions(String cookie) {
    this.cookie = cookie;
  }

  /** The session of the call's cookie, or null. */
  WebSession find(HttpCall call) {
    String id = cookieValue(call);
    WebSession s = id == null ? null : sessions.get(id);
    Instant now = clock.instant();
    if (s == null || s.lastSeen.plus(IDLE).isBefore(now)) {
      if (s != null) {
        sessions.remove(id);
      }
      return null;
    }
    s.lastSeen = now;
    return s;
  }

  WebSession create() {
    Instant cutoff = clock.instant().minus(IDLE);
    sessions.values().removeIf(old -> old.lastSeen.isBefore(cutoff));
    WebSession s = new WebSession(token(), token(), clock.instant());
    sessions.put(s.id, s);
    return s;
  }

  /** Gives {@code s} a new id (after login); the old cookie stops working. */
  WebSession rotate(WebSession s) {
    sessions.remove(s.id);
    WebSession n = new WebSession(token(), token(), clock.instant());
    n.attributes.putAll(s.attributes);
    sessions.put(n.id, n);
    return n;
  }

  void end(WebSession s) {
    sessions.remove(s.id);
  }

  /** The {@code Set-Cookie} value that hands {@code s} to the browser. */
  String setCookie(WebSession s) {
    return cookie + "=" + s.id + "; Path=/; HttpOnly; SameSite=Strict";
  }

  String clearCookie() {
    return cookie + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0";
  }

  private String cookieValue(HttpCall call) {
    for (String header : call.headers().getOrDefault("cookie", java.util.List.of())) {
      for (String part : header.split(";")) {
        String p = part.trim();
        if (p.startsWith(cookie + "=")) {
          return p.substring(cookie.length() + 1);
        }
      }
    }
    return null;
  }

  private String token() {
    byte[] b = new byte[32];
    random.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  /** One visitor's state. Attributes are read and written by the portal's handlers. */
  static final class WebSession {
    final String id;
    /** Echoed in every form as a hidden field and checked on POST. */
    final String formToken;
    final Map<String, Object> attributes = new ConcurrentHashMap<>();
    volatile Instant lastSeen;

    WebSession(String id, String formToken, Instant now) {
      this.id = id;
      this.formToken = formToken;
      this.lastSeen = now;
    }

    @SuppressWarnings("unchecked")
    <T> T get(String key) {
      return (T) attributes.get(key);
    }

    void put(String key, Object value) {
      if (value == null) {
        attributes.remove(key);
      } else {
        attributes.put(key, value);
      }
    }
  }
}
