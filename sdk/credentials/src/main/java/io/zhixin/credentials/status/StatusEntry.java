package io.zhixin.credentials.status;

import java.net.URI;
import java.util.Objects;

/**
 * Where a credential's status lives: a purpose, an index and the status list credential's URL (a W3C
 * {@code BitstringStatusListEntry}). Immutable.
 *
 * <p>In a {@code vc+jwt} credential it is a {@code credentialStatus} entry; in an SD-JWT VC it is a member of
 * {@code status.bitstring_status_list} (always visible, never selectively disclosable).
 */
public final class StatusEntry {

  private final StatusPurpose purpose;
  private final long index;
  private final String listCredential;

  private StatusEntry(StatusPurpose purpose, long index, String listCredential) {
    this.purpose = Objects.requireNonNull(purpose, "purpose");
    if (index < 0) {
      throw new IllegalArgumentException("status list index must be >= 0, found " + index);
    }
    this.index = index;
    Objects.requireNonNull(listCredential, "listCredential");
    URI u = URI.create(listCredential);
    if (!u.isAbsolute()) {
      throw new IllegalArgumentException("statusListCredential must be an absolute URL, found " + listCredential);
    }
    this.listCredential = listCredential;
  }

  public static StatusEntry of(StatusPurpose purpose, long index, String listCredential) {
    return new StatusEntry(purpose, index, listCredential);
  }

  public StatusPurpose purpose() {
    return purpose;
  }

  public long index() {
    return index;
  }

  /** URL of the status list credential. */
  public String listCredential() {
    return listCredential;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StatusEntry e && e.purpose == purpose && e.index == index
        && e.listCredential.equals(listCredential);
  }

  @Override
  public int hashCode() {
    return Objects.hash(purpose, index, listCredential);
  }

  @Override
  public String toString() {
    return purpose.value() + "@" + listCredential + "#" + index;
  }
}
