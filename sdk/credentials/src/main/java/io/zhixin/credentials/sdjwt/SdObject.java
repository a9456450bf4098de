package io.zhixin.credentials.sdjwt;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A JSON object to be issued as SD-JWT claims, where each property is either always visible or selectively
 * disclosable, plus a number of decoy digests. Values are JSON-compatible Java values ({@code String},
 * {@code Number}, {@code Boolean}, {@code null}, {@code Map}, {@code List}) or nested {@link SdObject} /
 * {@link SdArray} for recursive disclosure. Immutable.
 *
 * <pre>{@code
 * SdObject claims = SdObject.builder()
 *     .disclosable("given_name", "John")
 *     .disclosable("address", SdObject.builder().disclosable("locality", "Foshan").build())
 *     .plain("nationalities", SdArray.builder().disclosable("CN").build())
 *     .decoys(2)
 *     .build();
 * }</pre>
 */
public final class SdObject {

  /** One property. */
  public record Entry(String name, Object value, boolean disclosable) {}

  private final List<Entry> entries;
  private final int decoys;

  private SdObject(List<Entry> entries, int decoys) {
    this.entries = Collections.unmodifiableList(new ArrayList<>(entries));
    this.decoys = decoys;
  }

  public static Builder builder() {
    return new Builder();
  }

  public List<Entry> entries() {
    return entries;
  }

  /** Number of decoy digests added to this object's {@code _sd}. */
  public int decoys() {
    return decoys;
  }

  /** Whether a property with this name exists (visible or disclosable). */
  public boolean has(String name) {
    for (Entry e : entries) {
      if (e.name.equals(name)) {
        return true;
      }
    }
    return false;
  }

  /** Builds an {@link SdObject}. Not thread-safe. */
  public static final class Builder {
    private final List<Entry> entries = new ArrayList<>();
    private final Set<String> names = new LinkedHashSet<>();
    private int decoys;

    private Builder() {}

    /** Adds an always-visible property. */
    public Builder plain(String name, Object value) {
      return add(name, value, false);
    }

    /** Adds a selectively disclosable property. */
    public Builder disclosable(String name, Object value) {
      return add(name, value, true);
    }

    /** Adds {@code n} decoy digests so that the number of disclosable claims is hidden. */
    public Builder decoys(int n) {
      if (n < 0 || n > 100) {
        throw new IllegalArgumentException("decoys must be 0..100, found " + n);
      }
      this.decoys = n;
      return this;
    }

    /** Adds every entry of {@code other}. */
    public Builder putAll(SdObject other) {
      other.entries.forEach(e -> add(e.name, e.value, e.disclosable));
      return this;
    }

    private Builder add(String name, Object value, boolean disclosable) {
      Objects.requireNonNull(name, "name");
      if (name.equals("_sd") || name.equals("...") || name.equals("_sd_alg")) {
        throw new IllegalArgumentException("claim name " + name + " is reserved by SD-JWT");
      }
      if (!names.add(name)) {
        throw new IllegalArgumentException("claim " + name + " is already set");
      }
      entries.add(new Entry(name, value, disclosable));
      return this;
    }

    public SdObject build() {
      return new SdObject(entries, decoys);
    }
  }
}
