package io.zhixin.credit;

import io.zhixin.credit.internal.Hex;

/**
 * One attestation as the indexer reads it from the chain: who said what about which pseudonymous subject,
 * when, until when, and whether it was revoked.
 *
 * <p>Times are Unix seconds in the chain's {@code uint32} range (until 2106). No personal data: the subject is
 * a random pseudonym.
 *
 * @param uid the attestation's id on chain (bytes32, {@code 0x} + 64 lower-case hex digits); unique.
 * @param subject the subject's pseudonym (bytes32).
 * @param schema the schema id (bytes32).
 * @param attestor the attestor's address ({@code 0x} + 40 lower-case hex digits).
 * @param value the attested value ({@code int16} on chain); what it means is the schema's business.
 * @param issuedAt when it was written.
 * @param expiresAt when it stops counting, exclusive; 0 = never.
 * @param revokedAt when it was revoked; 0 = not revoked.
 */
public record Attestation(
        String uid, String subject, String schema, String attestor, int value, long issuedAt, long expiresAt,
        long revokedAt) {
    /** The largest time the chain stores ({@code uint32}). */
    public static final long MAX_TIME = 0xFFFF_FFFFL;

    /** Checks every field; throws {@link IllegalArgumentException} naming the first one that is wrong. */
    public Attestation {
        Hex.bytes32(uid, "attestation uid");
        Hex.bytes32(subject, "attestation subject");
        Hex.bytes32(schema, "attestation schema");
        Hex.address(attestor, "attestation attestor");
        if (value < Short.MIN_VALUE || value > Short.MAX_VALUE) {
            throw new IllegalArgumentException("attestation value: expected an int16, found " + value);
        }
        time(issuedAt, "issuedAt");
        time(expiresAt, "expiresAt");
        time(revokedAt, "revokedAt");
    }

    /** This attestation revoked at {@code at}. */
    public Attestation revoked(long at) {
        return new Attestation(uid, subject, schema, attestor, value, issuedAt, expiresAt, at);
    }

    private static void time(long t, String field) {
        if (t < 0 || t > MAX_TIME) {
            throw new IllegalArgumentException("attestation " + field + ": expected seconds in 0.." + MAX_TIME + ", found " + t);
        }
    }
}
