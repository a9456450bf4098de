package io.zhixin.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Base64;

/** Reading inputs with a size limit, strict JSON, JWT payload peeking and atomic writes, for the vc commands. */
final class VcFiles {
  /** Credentials, presentations and claim files are refused above this size (as the verifier does). */
  static final int MAX_INPUT = 1024 * 1024;

  /** Strict JSON: duplicate members and trailing content are errors, nesting at most 32. */
  static final ObjectMapper JSON = JsonMapper.builder()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(SerializationFeature.INDENT_OUTPUT)
      .build();

  static {
    JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).build());
  }

  private VcFiles() {}

  /**
   * Reads a file, or standard input for {@code -}, as UTF-8, at most {@link #MAX_INPUT} bytes.
   *
   * @throws CliException when it cannot be read or is larger
   */
  static String read(String fileOrDash, String what) {
    String s = readOrNull(fileOrDash, what);
    if (s == null) {
      throw new CliException(("-".equals(fileOrDash) ? what + " on standard input" : what + " " + fileOrDash)
          + " is larger than " + MAX_INPUT + " bytes");
    }
    return s;
  }

  /** Like {@link #read}, but returns null (having read no more than the limit) when the input is larger. */
  static String readOrNull(String fileOrDash, String what) {
    String name = "-".equals(fileOrDash) ? "standard input" : fileOrDash;
    try {
      if ("-".equals(fileOrDash)) {
        return limited(System.in);
      }
      Path p = Path.of(fileOrDash);
      if (Files.isDirectory(p)) {
        throw new CliException(what + " " + fileOrDash + " is a directory");
      }
      try (InputStream in = Files.newInputStream(p)) {
        return limited(in);
      }
    } catch (NoSuchFileException e) {
      throw new CliException("no " + what + " file " + fileOrDash);
    } catch (java.nio.file.InvalidPathException e) {
      throw new CliException("not a file name: " + fileOrDash);
    } catch (IOException e) {
      throw new CliException("cannot read " + what + " " + name + ": " + e.getMessage());
    }
  }

  private static String limited(InputStream in) throws IOException {
    byte[] bytes = in.readNBytes(MAX_INPUT + 1);
    if (bytes.length > MAX_INPUT) {
      return null;
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** Parses JSON text; malformed JSON is a one-line {@link CliException} naming {@code what}. */
  static JsonNode parse(String text, String what) {
    try {
      JsonNode n = JSON.readTree(text);
      if (n == null || n.isMissingNode()) {
        throw new CliException(what + " is empty; expected JSON");
      }
      return n;
    } catch (JsonProcessingException e) {
      throw new CliException(what + " is not valid JSON: " + e.getOriginalMessage()
          + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
          + e.getLocation().getColumnNr() + ")"));
    }
  }

  /** Parses a JSON object. */
  static com.fasterxml.jackson.databind.node.ObjectNode object(String text, String what) {
    JsonNode n = parse(text, what);
    if (!n.isObject()) {
      throw new CliException(what + " must be a JSON object");
    }
    return (com.fasterxml.jackson.databind.node.ObjectNode) n;
  }

  /** The (unverified) payload of a compact JWS, or of the issuer JWT of an SD-JWT; null if it is not one. */
  static JsonNode unverifiedPayload(String token) {
    String jwt = token.strip();
    int tilde = jwt.indexOf('~');
    if (tilde >= 0) {
      jwt = jwt.substring(0, tilde);
    }
    String[] parts = jwt.split("\\.", -1);
    if (parts.length != 3) {
      return null;
    }
    try {
      JsonNode n = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
      return n != null && n.isObject() ? n : null;
    } catch (IOException | IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * Replaces {@code target} with {@code content} atomically: a temporary file in the same folder, flushed to disk,
   * then renamed over the target. A crash leaves the old or the new file, never a mix.
   */
  static void writeAtomically(Path target, String content) {
    Path abs = target.toAbsolutePath();
    Path dir = abs.getParent();
    Path tmp = null;
    try {
      Files.createDirectories(dir);
      tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ByteBuffer buf = ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      try {
        Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        throw new CliException("cannot replace " + target + " atomically on this file system");
      }
      tmp = null;
    } catch (IOException e) {
      throw new CliException("cannot write " + target + ": " + e.getMessage());
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // best effort
        }
      }
    }
  }

  /** A long identifier (a did:jwk is hundreds of characters) shortened for messages. */
  static String abbreviate(String s) {
    return s.length() <= 60 ? s : s.substring(0, 40) + "…" + s.substring(s.length() - 12);
  }

  /** Pretty JSON of a value. */
  static String pretty(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }
}
