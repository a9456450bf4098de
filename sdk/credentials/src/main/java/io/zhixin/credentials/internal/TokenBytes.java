package io.zhixin.credentials.internal;

import java.nio.charset.StandardCharsets;

/**
 * A token (compact JWS, SD-JWT) as bytes, one per character, so that its parts are decoded in place; and the text
 * itself, for finding separators: {@code String.indexOf} looks at many characters at a time, eight times faster
 * than a loop over the bytes.
 */
public final class TokenBytes {
  private final byte[] bytes;
  private final String text; // null when the copy is not one byte per character: then the bytes are searched

  public TokenBytes(String text) {
    // ISO-8859-1: for a Latin-1 string a plain copy, where US-ASCII checks every byte. Characters outside ASCII
    // become negative bytes or '?', which base64url refuses in every part.
    this.bytes = text.getBytes(StandardCharsets.ISO_8859_1);
    this.text = bytes.length == text.length() ? text : null; // a surrogate pair becomes a single '?'
  }

  public byte[] bytes() {
    return bytes;
  }

  public int length() {
    return bytes.length;
  }

  /** Where {@code c} first occurs in {@code [from, to)}, or -1. */
  public int indexOf(char c, int from, int to) {
    if (text != null) {
      int i = text.indexOf(c, from);
      return i < to ? i : -1;
    }
    for (int i = from; i < to; i++) {
      if (bytes[i] == c) {
        return i;
      }
    }
    return -1;
  }
}
