package io.zhixin.credit.score;

import io.zhixin.credit.Attestation;
import io.zhixin.credit.internal.Hex;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Attestations laid out for bulk scoring: one primitive array per field, grouped by subject, with no object
 * per attestation. Subject {@code s} owns rows {@code start[s]} (inclusive) to {@code start[s + 1]}
 * (exclusive). Schemas and attestors are dictionary-encoded: a row holds their index into
 * {@link #schemaIds()} and {@link #attestorIds()}. Times are the chain's {@code uint32} seconds, held in
 * {@code int}s and read unsigned.
 *
 * <p>Build small sets with {@link #builder()}; the store builds large ones with {@link #wrap}. The arrays are
 * not copied and must not be changed afterwards; then an instance is safe to read from many threads.
 */
public final class AttestationColumns {
    final int subjectCount;
    final byte[] subjectIds;
    final int[] start;
    final List<String> schemaIds;
    final List<String> attestorIds;
    final char[] schema;
    final int[] attestor;
    final short[] value;
    final int[] issuedAt;
    final int[] expiresAt;
    final int[] revokedAt;

    private AttestationColumns(int subjectCount, byte[] subjectIds, int[] start, List<String> schemaIds,
            List<String> attestorIds, char[] schema, int[] attestor, short[] value, int[] issuedAt, int[] expiresAt,
            int[] revokedAt) {
        this.subjectCount = subjectCount;
        this.subjectIds = subjectIds;
        this.start = start;
        this.schemaIds = List.copyOf(schemaIds);
        this.attestorIds = List.copyOf(attestorIds);
        this.schema = schema;
        this.attestor = attestor;
        this.value = value;
        this.issuedAt = issuedAt;
        this.expiresAt = expiresAt;
        this.revokedAt = revokedAt;
    }

    /**
     * Wraps arrays that are already grouped by subject, without copying them.
     *
     * @param subjectIds the subjects' 32-byte pseudonyms, back to back ({@code 32 * subjectCount} bytes).
     * @param start {@code subjectCount + 1} non-decreasing row offsets, {@code start[0] == 0} and
     *     {@code start[subjectCount]} the row count.
     * @param schemaIds the schema dictionary ({@code 0x} + 64 hex digits each).
     * @param attestorIds the attestor dictionary ({@code 0x} + 40 hex digits each).
     * @param schema per row, the schema's dictionary index.
     * @param attestor per row, the attestor's dictionary index.
     * @param value per row, the attested value.
     * @param issuedAt per row, the issue time (unsigned seconds).
     * @param expiresAt per row, the expiry time (unsigned seconds, 0 = never).
     * @param revokedAt per row, the revocation time (unsigned seconds, 0 = not revoked).
     * @throws IllegalArgumentException if the lengths or offsets do not fit together.
     */
    public static AttestationColumns wrap(byte[] subjectIds, int[] start, List<String> schemaIds,
            List<String> attestorIds, char[] schema, int[] attestor, short[] value, int[] issuedAt, int[] expiresAt,
            int[] revokedAt) {
        if (subjectIds.length % 32 != 0) {
            throw new IllegalArgumentException("subjectIds: expected a multiple of 32 bytes, found " + subjectIds.length);
        }
        int n = subjectIds.length / 32;
        if (start.length != n + 1 || start[0] != 0) {
            throw new IllegalArgumentException("start: expected " + (n + 1) + " offsets from 0, found " + start.length);
        }
        int rows = start[n];
        for (int i = 0; i < n; i++) {
            if (start[i + 1] < start[i]) {
                throw new IllegalArgumentException("start: offsets decrease at subject " + i);
            }
        }
        for (int[] a : new int[][] {attestor, issuedAt, expiresAt, revokedAt}) {
            if (a.length < rows) {
                throw new IllegalArgumentException("a column has " + a.length + " rows, expected at least " + rows);
            }
        }
        if (schema.length < rows || value.length < rows) {
            throw new IllegalArgumentException("a column has fewer than " + rows + " rows");
        }
        int schemas = schemaIds.size();
        int attestors = attestorIds.size();
        for (int i = 0; i < rows; i++) {
            if (schema[i] >= schemas || attestor[i] < 0 || attestor[i] >= attestors) {
                throw new IllegalArgumentException("row " + i + " refers to schema " + (int) schema[i] + " of " + schemas
                        + " or attestor " + attestor[i] + " of " + attestors + " in the dictionaries");
            }
        }
        return new AttestationColumns(n, subjectIds, start, schemaIds, attestorIds, schema, attestor, value, issuedAt,
                expiresAt, revokedAt);
    }

    /** A builder that collects attestations as objects and groups them by subject. */
    public static Builder builder() {
        return new Builder();
    }

    /** The number of subjects. */
    public int subjectCount() {
        return subjectCount;
    }

    /** The number of attestations (rows). */
    public int rowCount() {
        return start[subjectCount];
    }

    /** The pseudonym of subject {@code s}, {@code 0x} + 64 hex digits. */
    public String subject(int s) {
        return Hex.encode(subjectIds, 32 * s, 32);
    }

    /** Copies the 32-byte pseudonym of subject {@code s} into {@code dst} at {@code off}. */
    public void copySubject(int s, byte[] dst, int off) {
        System.arraycopy(subjectIds, 32 * s, dst, off, 32);
    }

    /** The index of the subject with pseudonym {@code subject}, or -1 (a linear search). */
    public int indexOf(String subject) {
        byte[] b = Hex.decode(Hex.bytes32(subject, "subject"));
        outer:
        for (int s = 0; s < subjectCount; s++) {
            for (int j = 0; j < 32; j++) {
                if (subjectIds[32 * s + j] != b[j]) {
                    continue outer;
                }
            }
            return s;
        }
        return -1;
    }

    /** The schema dictionary. */
    public List<String> schemaIds() {
        return schemaIds;
    }

    /** The attestor dictionary. */
    public List<String> attestorIds() {
        return attestorIds;
    }

    /** Collects attestations and builds columns grouped by subject (subjects in first-seen order). */
    public static final class Builder {
        private final List<Attestation> rows = new ArrayList<>();
        private final Map<String, Integer> subjects = new HashMap<>();
        private final List<String> subjectOrder = new ArrayList<>();

        private Builder() {}

        /** Adds a subject with no attestations (it will score as insufficient data). */
        public Builder subject(String subject) {
            Hex.bytes32(subject, "subject");
            if (!subjects.containsKey(subject)) {
                subjects.put(subject, subjectOrder.size());
                subjectOrder.add(subject);
            }
            return this;
        }

        /** Adds an attestation. */
        public Builder add(Attestation a) {
            subject(a.subject());
            rows.add(a);
            return this;
        }

        /** Adds attestations. */
        public Builder addAll(Iterable<Attestation> as) {
            for (Attestation a : as) {
                add(a);
            }
            return this;
        }

        /** Builds the columns. */
        public AttestationColumns build() {
            List<Attestation> sorted = new ArrayList<>(rows);
            sorted.sort(Comparator.comparingInt(a -> subjects.get(a.subject()))); // stable
            Map<String, Integer> schemaIx = new HashMap<>();
            List<String> schemaIds = new ArrayList<>();
            Map<String, Integer> attestorIx = new HashMap<>();
            List<String> attestorIds = new ArrayList<>();
            int n = subjectOrder.size();
            int r = sorted.size();
            byte[] ids = new byte[32 * n];
            for (int s = 0; s < n; s++) {
                System.arraycopy(Hex.decode(subjectOrder.get(s)), 0, ids, 32 * s, 32);
            }
            int[] start = new int[n + 1];
            char[] schema = new char[r];
            int[] attestor = new int[r];
            short[] value = new short[r];
            int[] issued = new int[r];
            int[] expires = new int[r];
            int[] revoked = new int[r];
            for (int i = 0; i < r; i++) {
                Attestation a = sorted.get(i);
                start[subjects.get(a.subject()) + 1]++;
                schema[i] = (char) (int) schemaIx.computeIfAbsent(a.schema(), k -> {
                    schemaIds.add(k);
                    return schemaIds.size() - 1;
                });
                attestor[i] = attestorIx.computeIfAbsent(a.attestor(), k -> {
                    attestorIds.add(k);
                    return attestorIds.size() - 1;
                });
                value[i] = (short) a.value();
                issued[i] = (int) a.issuedAt();
                expires[i] = (int) a.expiresAt();
                revoked[i] = (int) a.revokedAt();
            }
            for (int s = 0; s < n; s++) {
                start[s + 1] += start[s];
            }
            return new AttestationColumns(n, ids, start, schemaIds, attestorIds, schema, attestor, value, issued, expires,
                    revoked);
        }
    }
}
