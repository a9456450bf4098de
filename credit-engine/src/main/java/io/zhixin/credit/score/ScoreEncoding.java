package io.zhixin.credit.score;

import io.zhixin.credit.internal.Hex;
import io.zhixin.credit.model.ScoringModel;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The canonical byte encoding of one subject's score record, version 1, and its hash: the {@code scoreHash}
 * that the epoch's Merkle leaf {@code keccak256(bytes.concat(keccak256(abi.encode(subject, scoreHash))))}
 * commits to. All integers are unsigned big-endian.
 *
 * <pre>
 *   u8      version            1
 *   bytes32 modelId            SHA-256 of the model's canonical JSON
 *   u64     epoch
 *   u64     asOf               Unix seconds
 *   bytes32 subject
 *   u8      status             1 = scored, 2 = insufficient data
 *   status 1:
 *     u16   composite          350..950
 *     u8    band               index into the model's bands
 *     u8    D, then D x u8     dimension scores 0..100 in model order
 *     u8    U, then U x (u8 length, ASCII code)   reasons up, strongest first
 *     u8    N, then N x (u8 length, ASCII code)   reasons down, strongest first
 *   status 2:
 *     u32   counted attestations
 *     u8    dimensions with evidence
 *   bytes32 salt               random per subject and epoch, so that a leaf cannot be matched by trying scores
 * </pre>
 *
 * <p>{@code scoreHash = SHA-256(encoding)}. Stateless and thread-safe.
 */
public final class ScoreEncoding {
    /** The encoding version written first. */
    public static final int VERSION = 1;

    private ScoreEncoding() {}

    /**
     * Encodes {@code result}, computed with {@code model}, with a 32-byte {@code salt}.
     *
     * @throws IllegalArgumentException if the result was computed with another model, or the salt is not 32 bytes.
     */
    public static byte[] encode(ScoreResult result, ScoringModel model, byte[] salt) {
        if (!result.modelId().equals(model.idHex())) {
            throw new IllegalArgumentException("result was computed with model " + result.modelId() + ", not " + model.idHex());
        }
        if (salt.length != 32) {
            throw new IllegalArgumentException("salt: expected 32 bytes, found " + salt.length);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(160);
        out.write(VERSION);
        out.writeBytes(model.id());
        writeLong(out, result.epoch().epoch());
        writeLong(out, result.epoch().asOf());
        out.writeBytes(Hex.decode(result.subject()));
        if (result instanceof ScoreResult.Scored s) {
            out.write(1);
            out.write(s.composite() >>> 8);
            out.write(s.composite() & 0xFF);
            out.write(s.bandIndex());
            out.write(s.dimensions().size());
            s.dimensions().forEach(d -> out.write(d.score()));
            writeCodes(out, s.reasonsUp());
            writeCodes(out, s.reasonsDown());
        } else {
            ScoreResult.InsufficientData i = (ScoreResult.InsufficientData) result;
            out.write(2);
            int n = i.countedAttestations();
            out.write(n >>> 24);
            out.write(n >>> 16);
            out.write(n >>> 8);
            out.write(n);
            out.write(i.dimensionsWithEvidence());
        }
        out.writeBytes(salt);
        return out.toByteArray();
    }

    /** {@code SHA-256(encode(result, model, salt))}, the score hash an epoch leaf commits to. */
    public static byte[] scoreHash(ScoreResult result, ScoringModel model, byte[] salt) {
        return sha256().digest(encode(result, model, salt));
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    private static void writeCodes(ByteArrayOutputStream out, java.util.List<Reason> reasons) {
        out.write(reasons.size());
        for (Reason r : reasons) {
            byte[] b = r.code().getBytes(StandardCharsets.US_ASCII);
            out.write(b.length);
            out.writeBytes(b);
        }
    }

    private static void writeLong(ByteArrayOutputStream out, long v) {
        for (int k = 56; k >= 0; k -= 8) {
            out.write((int) (v >>> k));
        }
    }
}
