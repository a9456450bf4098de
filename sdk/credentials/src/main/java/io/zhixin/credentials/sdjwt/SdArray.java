package io.zhixin.credentials.sdjwt;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A JSON array to be issued inside SD-JWT claims, where each element is always visible or selectively disclosable.
 * Elements follow the same value rules as {@link SdObject}. Immutable.
 */
public final class SdArray {

  /** One element. */
  public record Element(Object value, boolean disclosable) {}

  private final List<Element> elements;
  private final int decoys;

  private SdArray(List<Element> elements, int decoys) {
    this.elements = Collections.unmodifiableList(new ArrayList<>(elements));
    this.decoys = decoys;
  }

  public static Builder builder() {
    return new Builder();
  }

  public List<Element> elements() {
    return elements;
  }

  public int decoys() {
    return decoys;
  }

  /** Builds an {@link SdArray}. Not thread-safe. */
  public static final class Builder {
    private final List<Element> elements = new ArrayList<>();
    private int decoys;

    private Builder() {}

    public Builder plain(Object value) {
      elements.add(new Element(value, false));
      return this;
    }

    public Builder disclosable(Object value) {
      elements.add(new Element(value, true));
      return this;
    }

    /** Adds {@code n} decoy elements, inserted at random positions. */
    public Builder decoys(int n) {
      if (n < 0 || n > 100) {
        throw new IllegalArgumentException("decoys must be 0..100, found " + n);
      }
      this.decoys = n;
      return this;
    }

    public SdArray build() {
      return new SdArray(elements, decoys);
    }
  }
}
