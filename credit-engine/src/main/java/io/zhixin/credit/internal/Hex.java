package io.zhixin.credit.internal;

import java.util.HexFormat;
import java.util.regex.Pattern;

/** Checks and converts the {@code 0x}-prefixed lower-case hex ids used across the credit engine. */
public final class Hex {
    private static final Pattern BYTES32 = Pattern.compile("0x[0-9a-f]{64}");
    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-f]{40}");
    private static final HexFormat HEX = HexFormat.of();

    private Hex() {}

    /** Returns {@code value} if it is {@code 0x} and 64 lower-case hex digits; throws naming {@code what} otherwise. */
    public static String bytes32(String value, String what) {
        if (value == null || !BYTES32.matcher(value).matches()) {
            throw new IllegalArgumentException(what + ": expected 0x and 64 lower-case hex digits, found " + value);
        }
        return value;
    }

    /** Returns {@code value} if it is {@code 0x} and 40 lower-case hex digits; throws naming {@code what} otherwise. */
    public static String address(String value, String what) {
        if (value == null || !ADDRESS.matcher(value).matches()) {
            throw new IllegalArgumentException(what + ": expected 0x and 40 lower-case hex digits, found " + value);
        }
        return value;
    }

    /** The bytes of a {@code 0x}-prefixed hex string. */
    public static byte[] decode(String hex) {
        return HEX.parseHex(hex, 2, hex.length());
    }

    /** {@code 0x} and the lower-case hex of {@code len} bytes of {@code b} from {@code off}. */
    public static String encode(byte[] b, int off, int len) {
        return "0x" + HEX.formatHex(b, off, off + len);
    }

    /** {@code 0x} and the lower-case hex of {@code b}. */
    public static String encode(byte[] b) {
        return encode(b, 0, b.length);
    }
}
