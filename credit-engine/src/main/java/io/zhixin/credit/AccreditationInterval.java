package io.zhixin.credit;

import io.zhixin.credit.internal.Hex;

/**
 * A period in which an attestor was accredited for a schema: from {@code validFrom} inclusive to
 * {@code validUntil} exclusive, in Unix seconds. The indexer derives these from the trust registry's grant,
 * suspension, reinstatement and revocation events (an accreditation suspended for a while becomes two
 * intervals); an attestation counts only if its {@code issuedAt} lies in one of its attestor's intervals for
 * its schema.
 *
 * @param attestor the attestor's address ({@code 0x} + 40 lower-case hex digits).
 * @param schema the schema id (bytes32).
 * @param validFrom first second of accreditation.
 * @param validUntil first second after it; {@link Long#MAX_VALUE} for open-ended.
 */
public record AccreditationInterval(String attestor, String schema, long validFrom, long validUntil) {
    /** Checks every field; throws {@link IllegalArgumentException} naming the first one that is wrong. */
    public AccreditationInterval {
        Hex.address(attestor, "accreditation attestor");
        Hex.bytes32(schema, "accreditation schema");
        if (validFrom < 0 || validUntil <= validFrom) {
            throw new IllegalArgumentException("accreditation interval: expected 0 <= validFrom < validUntil, found "
                    + validFrom + ".." + validUntil);
        }
    }

    /** Whether {@code t} lies in the interval. */
    public boolean contains(long t) {
        return t >= validFrom && t < validUntil;
    }
}
