package io.zhixin.credentials.status;

import io.zhixin.credentials.vc.VcJwtIssuer;
import io.zhixin.credentials.vc.VerifiableCredential;
import io.zhixin.keys.Signer;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The issuer's side of W3C Bitstring Status Lists: allocates status indices at random (so an index reveals nothing
 * about issuance order or volume), revokes, suspends and reinstates, and publishes each list as a signed
 * {@code BitstringStatusListCredential} ({@code vc+jwt}). In memory; thread-safe.
 *
 * <pre>{@code
 * StatusListManager lists = StatusListManager.builder().issuer(did).keyId(kid).signer(signer)
 *     .list(StatusPurpose.REVOCATION, "https://gaj.example/status/1").build();
 * List<StatusEntry> status = lists.allocate();     // put into the credential
 * lists.revoke(status.get(0));
 * String listCredential = lists.publish(StatusPurpose.REVOCATION);  // serve at the list URL
 * }</pre>
 */
public final class StatusListManager {

  /** Lists are refused for allocation beyond this fill ratio, so random probing stays fast. */
  private static final double MAX_FILL = 0.75;

  private static final class ListState {
    final String url;
    final BitstringStatusList bits;
    final BitSet allocated = new BitSet();
    int count;

    ListState(String url, int size) {
      this.url = url;
      this.bits = BitstringStatusList.create(size);
    }
  }

  private final Map<StatusPurpose, ListState> lists = new EnumMap<>(StatusPurpose.class);
  private final String issuer;
  private final VcJwtIssuer vcIssuer;
  private final SecureRandom random;
  private final Clock clock;
  private final Duration validity;
  private final int size;

  private StatusListManager(Builder b) {
    if (b.urls.isEmpty()) {
      throw new IllegalStateException("at least one list(purpose, url) is required");
    }
    this.issuer = Objects.requireNonNull(b.issuer, "issuer is required");
    this.vcIssuer = VcJwtIssuer.builder().signer(b.signer).issuer(b.issuer).keyId(b.keyId).build();
    this.random = b.random == null ? new SecureRandom() : b.random;
    this.clock = b.clock;
    this.validity = b.validity;
    this.size = b.size;
    b.urls.forEach((p, u) -> lists.put(p, new ListState(u, b.size)));
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Allocates one fresh random index in each configured list.
   *
   * @throws IllegalStateException when a list is 75% allocated (start a new list URL)
   */
  public synchronized List<StatusEntry> allocate() {
    List<StatusEntry> out = new ArrayList<>();
    for (Map.Entry<StatusPurpose, ListState> e : lists.entrySet()) {
      ListState l = e.getValue();
      if (l.count >= size * MAX_FILL) {
        throw new IllegalStateException("status list " + l.url + " is full (" + l.count + " of " + size
            + " allocated); configure a new list");
      }
      int i;
      do {
        i = random.nextInt(size);
      } while (l.allocated.get(i));
      l.allocated.set(i);
      l.count++;
      out.add(StatusEntry.of(e.getKey(), i, l.url));
    }
    return List.copyOf(out);
  }

  /**
   * Revokes the credential with this revocation entry. Permanent.
   *
   * @throws IllegalArgumentException if the entry is not an allocated revocation entry of this manager
   */
  public synchronized void revoke(StatusEntry entry) {
    state(entry, StatusPurpose.REVOCATION).bits.set(entry.index(), true);
  }

  /** Suspends the credential with this suspension entry. */
  public synchronized void suspend(StatusEntry entry) {
    state(entry, StatusPurpose.SUSPENSION).bits.set(entry.index(), true);
  }

  /** Lifts a suspension. */
  public synchronized void reinstate(StatusEntry entry) {
    state(entry, StatusPurpose.SUSPENSION).bits.set(entry.index(), false);
  }

  /** Whether the entry's bit is set. */
  public synchronized boolean isSet(StatusEntry entry) {
    return state(entry, entry.purpose()).bits.get(entry.index());
  }

  private ListState state(StatusEntry e, StatusPurpose purpose) {
    ListState l = lists.get(purpose);
    if (e.purpose() != purpose || l == null || !l.url.equals(e.listCredential())) {
      throw new IllegalArgumentException("entry " + e + " is not a " + purpose.value() + " entry of this issuer");
    }
    if (e.index() >= size || !l.allocated.get((int) e.index())) {
      throw new IllegalArgumentException("status index " + e.index() + " was never allocated");
    }
    return l;
  }

  /** The signed {@code BitstringStatusListCredential} for {@code purpose}, to serve at the list's URL. */
  public String publish(StatusPurpose purpose) {
    String encoded;
    String url;
    synchronized (this) {
      ListState l = lists.get(purpose);
      if (l == null) {
        throw new IllegalArgumentException("no " + purpose.value() + " list configured");
      }
      encoded = l.bits.encode();
      url = l.url;
    }
    Instant now = clock.instant();
    VerifiableCredential vc = VerifiableCredential.builder().id(url).type("BitstringStatusListCredential")
        .issuer(issuer).validFrom(now).validUntil(now.plus(validity))
        .subject(Map.of("id", url + "#list", "type", "BitstringStatusList", "statusPurpose", purpose.value(),
            "encodedList", encoded))
        .build();
    return vcIssuer.issue(vc);
  }

  /** Builds a {@link StatusListManager}. */
  public static final class Builder {
    private final Map<StatusPurpose, String> urls = new EnumMap<>(StatusPurpose.class);
    private String issuer;
    private String keyId;
    private Signer signer;
    private SecureRandom random;
    private Clock clock = Clock.systemUTC();
    private Duration validity = Duration.ofDays(1);
    private int size = BitstringStatusList.MIN_SIZE;

    private Builder() {}

    public Builder issuer(String issuer) {
      this.issuer = issuer;
      return this;
    }

    public Builder keyId(String keyId) {
      this.keyId = keyId;
      return this;
    }

    public Builder signer(Signer signer) {
      this.signer = signer;
      return this;
    }

    /** Adds a list for {@code purpose}, published at {@code url}. */
    public Builder list(StatusPurpose purpose, String url) {
      StatusEntry.of(purpose, 0, url); // validates the URL
      urls.put(purpose, url);
      return this;
    }

    /** Entries per list; at least {@link BitstringStatusList#MIN_SIZE} (the default). */
    public Builder size(int size) {
      BitstringStatusList.create(size); // validates
      this.size = size;
      return this;
    }

    /** How long a published list credential is valid (its validUntil); one day by default. */
    public Builder validity(Duration validity) {
      this.validity = Objects.requireNonNull(validity, "validity");
      return this;
    }

    public Builder random(SecureRandom random) {
      this.random = random;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public StatusListManager build() {
      return new StatusListManager(this);
    }
  }
}
