package io.zhixin.did;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zhixin.did.internal.Json;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** Metadata about a DID document (DID Core 1.0 §7.1.3): created, updated, deactivated, versionId. Immutable. */
public final class DidDocumentMetadata {
  private static final DidDocumentMetadata EMPTY = new Builder().build();

  private final Instant created;
  private final Instant updated;
  private final boolean deactivated;
  private final String versionId;

  private DidDocumentMetadata(Builder b) {
    this.created = b.created;
    this.updated = b.updated;
    this.deactivated = b.deactivated;
    this.versionId = b.versionId;
  }

  /** No metadata (what did:key and did:jwk have). */
  public static DidDocumentMetadata empty() {
    return EMPTY;
  }

  /** A builder, for method drivers. */
  public static Builder builder() {
    return new Builder();
  }

  /** When the DID was created, if the method knows. */
  public Optional<Instant> created() {
    return Optional.ofNullable(created);
  }

  /** When the document last changed, if the method knows. */
  public Optional<Instant> updated() {
    return Optional.ofNullable(updated);
  }

  /** Whether the DID is deactivated; its keys must then not be trusted. */
  public boolean deactivated() {
    return deactivated;
  }

  /** The version of the document, if the method has versions (e.g. a block number). */
  public Optional<String> versionId() {
    return Optional.ofNullable(versionId);
  }

  ObjectNode toJsonNode() {
    ObjectNode n = Json.object();
    if (created != null) {
      n.put("created", created.toString());
    }
    if (updated != null) {
      n.put("updated", updated.toString());
    }
    if (deactivated) {
      n.put("deactivated", true);
    }
    if (versionId != null) {
      n.put("versionId", versionId);
    }
    return n;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DidDocumentMetadata && toJsonNode().equals(((DidDocumentMetadata) o).toJsonNode());
  }

  @Override
  public int hashCode() {
    return toJsonNode().hashCode();
  }

  @Override
  public String toString() {
    return "DidDocumentMetadata" + Json.write(toJsonNode());
  }

  /** Builds {@link DidDocumentMetadata}. */
  public static final class Builder {
    private Instant created;
    private Instant updated;
    private boolean deactivated;
    private String versionId;

    private Builder() {}

    public Builder created(Instant created) {
      this.created = Objects.requireNonNull(created, "created");
      return this;
    }

    public Builder updated(Instant updated) {
      this.updated = Objects.requireNonNull(updated, "updated");
      return this;
    }

    public Builder deactivated(boolean deactivated) {
      this.deactivated = deactivated;
      return this;
    }

    public Builder versionId(String versionId) {
      this.versionId = Objects.requireNonNull(versionId, "versionId");
      return this;
    }

    public DidDocumentMetadata build() {
      return new DidDocumentMetadata(this);
    }
  }
}
