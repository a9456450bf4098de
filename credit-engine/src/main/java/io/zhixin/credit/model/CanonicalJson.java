package io.zhixin.credit.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Writes the RFC 8785 (JSON Canonicalization Scheme) form of a JSON value whose numbers are all integers.
 *
 * <p>Scoring models contain no fractions (all weights are fixed-point integers), so only the integer part of
 * JCS's number rule matters: an integer of magnitude at most 2<sup>53</sup>&nbsp;&minus;&nbsp;1 is written in
 * plain decimal, exactly as ECMAScript's {@code Number.prototype.toString} writes it. Everything else follows
 * RFC 8785 section 3.2: no whitespace; object members sorted by their names compared as arrays of UTF-16 code
 * units (which is what {@link String#compareTo} does); strings escaped as ECMAScript's {@code JSON.stringify}
 * escapes them ({@code \"}, {@code \\}, {@code \b \f \n \r \t}, other characters below U+0020 as
 * {@code \}{@code u00xx} in lower-case hex, everything else literal); UTF-8 output.
 *
 * <p>Fractions, exponents, integers outside the exact range and lone surrogates are refused with an
 * {@link InvalidModelException} naming the JSON pointer of the value, because no canonical form of them is
 * written here. Tests cross-check the output with the JCS reference implementation.
 *
 * <p>Stateless and thread-safe.
 */
public final class CanonicalJson {
    /** The largest integer that JCS writes exactly (2^53 - 1). */
    public static final long MAX_EXACT_INTEGER = (1L << 53) - 1;

    private CanonicalJson() {}

    /**
     * Returns the canonical UTF-8 bytes of {@code value}.
     *
     * @throws InvalidModelException if the value holds a non-integer number, an integer beyond
     *     {@link #MAX_EXACT_INTEGER}, or a string with a lone surrogate.
     */
    public static byte[] canonicalize(JsonNode value) {
        StringBuilder out = new StringBuilder(4096);
        write(value, "", out);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void write(JsonNode node, String pointer, StringBuilder out) {
        switch (node.getNodeType()) {
            case OBJECT -> {
                List<String> names = new ArrayList<>();
                for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                    names.add(it.next());
                }
                names.sort(null); // String.compareTo compares UTF-16 code units, as RFC 8785 3.2.3 asks
                out.append('{');
                for (int i = 0; i < names.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    String name = names.get(i);
                    writeString(name, pointer, out);
                    out.append(':');
                    write(node.get(name), pointer + "/" + escapePointer(name), out);
                }
                out.append('}');
            }
            case ARRAY -> {
                out.append('[');
                for (int i = 0; i < node.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    write(node.get(i), pointer + "/" + i, out);
                }
                out.append(']');
            }
            case STRING -> writeString(node.textValue(), pointer, out);
            case BOOLEAN -> out.append(node.booleanValue() ? "true" : "false");
            case NULL -> out.append("null");
            case NUMBER -> {
                if (!node.isIntegralNumber()) {
                    throw new InvalidModelException(pointer.isEmpty() ? "/" : pointer,
                            "a fraction or exponent (" + node + "); models use fixed-point integers only");
                }
                if (!node.canConvertToLong() || Math.abs(node.longValue()) > MAX_EXACT_INTEGER) {
                    throw new InvalidModelException(pointer.isEmpty() ? "/" : pointer,
                            "an integer beyond +/-(2^53 - 1) (" + node + "), which JSON numbers cannot hold exactly");
                }
                out.append(node.longValue());
            }
            default -> throw new InvalidModelException(pointer.isEmpty() ? "/" : pointer,
                    "a value of type " + node.getNodeType() + ", which JSON has no text for");
        }
    }

    private static void writeString(String s, String pointer, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    out.append(c).append(s.charAt(++i));
                    continue;
                }
                throw new InvalidModelException(pointer.isEmpty() ? "/" : pointer, "a string with a lone surrogate");
            }
            if (Character.isLowSurrogate(c)) {
                throw new InvalidModelException(pointer.isEmpty() ? "/" : pointer, "a string with a lone surrogate");
            }
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xF, 16));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    static String escapePointer(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }
}
