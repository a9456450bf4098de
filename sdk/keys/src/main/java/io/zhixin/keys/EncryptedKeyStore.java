package io.zhixin.keys;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.PasswordBasedDecrypter;
import com.nimbusds.jose.crypto.PasswordBasedEncrypter;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import io.zhixin.keys.KeyException.Reason;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A password-protected key store in one file: a JWK Set (RFC 7517) of private keys, each under its alias as
 * {@code kid}, encrypted as a compact JWE (RFC 7516) with {@code PBES2-HS512+A256KW} (PBKDF2-HMAC-SHA512,
 * 16-byte random salt, {@value #ITERATIONS} iterations, RFC 7518 §4.8) and {@code A256GCM}. Aliases are inside the
 * ciphertext, so the file reveals nothing but its size. Any JOSE library can open it with the password.
 *
 * <p>Every change rewrites the whole file atomically (temporary file, fsync, rename), so a crash leaves the old or
 * the new store, never a mix. The file is created readable by its owner only. Instances are thread-safe; one
 * process should own a store file at a time. {@link #close()} wipes the in-memory copy of the password.
 *
 * <pre>{@code
 * try (EncryptedKeyStore store = EncryptedKeyStore.create(path, password)) {
 *   store.add("citizen", KeyPair.generate(KeyType.P256));
 * }
 * KeyPair key = EncryptedKeyStore.open(path, password).get("citizen");
 * }</pre>
 */
public final class EncryptedKeyStore implements AutoCloseable {
  /** PBKDF2-HMAC-SHA512 iterations for new writes (OWASP 2023 recommends at least 210,000). */
  public static final int ITERATIONS = 310_000;
  // Content type marking our payload; any other JWE is refused as not-a-key-store.
  private static final String CONTENT_TYPE = "jwk-set+json";
  private static final long MAX_FILE_BYTES = 16L << 20;
  private static final Pattern ALIAS = Pattern.compile("[A-Za-z0-9._-]{1,128}");

  private final Path file;
  private final char[] password;
  private Map<String, KeyPair> keys;
  private boolean closed;

  private EncryptedKeyStore(Path file, char[] password, Map<String, KeyPair> keys) {
    this.file = file;
    this.password = password.clone();
    this.keys = keys;
  }

  /**
   * Creates a new, empty store file.
   *
   * @throws KeyException {@code KEY_STORE_EXISTS} if the file exists; {@code IO_ERROR} if it cannot be written
   * @throws IllegalArgumentException for an empty password
   */
  public static EncryptedKeyStore create(Path file, char[] password) {
    Objects.requireNonNull(file, "file");
    checkPassword(password);
    if (Files.exists(file)) {
      throw new KeyException(Reason.KEY_STORE_EXISTS, "a file already exists at " + file);
    }
    EncryptedKeyStore store = new EncryptedKeyStore(file, password, Map.of());
    store.write(Map.of());
    return store;
  }

  /**
   * Opens and decrypts an existing store.
   *
   * @throws KeyException {@code WRONG_PASSWORD} if the password is wrong (or the file was tampered with);
   *     {@code KEY_STORE_CORRUPT} if it is not a Zhixin key store; {@code IO_ERROR} if it cannot be read
   */
  public static EncryptedKeyStore open(Path file, char[] password) {
    Objects.requireNonNull(file, "file");
    checkPassword(password);
    String content;
    try {
      // A store of thousands of keys is well under a megabyte; refuse to read arbitrary large files into memory.
      if (Files.size(file) > MAX_FILE_BYTES) {
        throw new KeyException(Reason.KEY_STORE_CORRUPT, "not a key store (larger than " + MAX_FILE_BYTES
            + " bytes): " + file);
      }
      content = Files.readString(file, StandardCharsets.US_ASCII).trim();
    } catch (NoSuchFileException e) {
      throw new KeyException(Reason.IO_ERROR, "no key store at " + file);
    } catch (IOException e) {
      throw new KeyException(Reason.IO_ERROR, "cannot read the key store " + file + ": " + e.getMessage());
    }
    JWEObject jwe;
    try {
      jwe = JWEObject.parse(content);
    } catch (ParseException e) {
      throw new KeyException(Reason.KEY_STORE_CORRUPT, "not a key store (expected a compact JWE): " + file);
    }
    JWEHeader h = jwe.getHeader();
    if (!JWEAlgorithm.Family.PBES2.contains(h.getAlgorithm()) || !CONTENT_TYPE.equals(h.getContentType())) {
      throw new KeyException(Reason.KEY_STORE_CORRUPT, "not a key store: expected alg PBES2-*, cty "
          + CONTENT_TYPE + ", found alg " + h.getAlgorithm() + ", cty " + h.getContentType());
    }
    byte[] pw = utf8(password);
    try {
      jwe.decrypt(new PasswordBasedDecrypter(pw));
    } catch (JOSEException e) {
      throw new KeyException(Reason.WRONG_PASSWORD, "wrong password for the key store " + file
          + " (or the file was modified)");
    } finally {
      Arrays.fill(pw, (byte) 0);
    }
    return new EncryptedKeyStore(file, password, parseKeys(jwe.getPayload(), file));
  }

  private static Map<String, KeyPair> parseKeys(Payload payload, Path file) {
    List<JWK> jwks;
    try {
      jwks = JWKSet.parse(payload.toString()).getKeys();
    } catch (ParseException e) {
      throw new KeyException(Reason.KEY_STORE_CORRUPT, "key store " + file + " holds no valid JWK set");
    }
    Map<String, KeyPair> keys = new LinkedHashMap<>();
    for (JWK jwk : jwks) {
      String alias = jwk.getKeyID();
      if (alias == null || keys.containsKey(alias)) {
        throw new KeyException(Reason.KEY_STORE_CORRUPT, "key store " + file + " has a missing or duplicate alias");
      }
      try {
        keys.put(alias, KeyPair.fromJwk(jwk));
      } catch (KeyException e) {
        throw new KeyException(Reason.KEY_STORE_CORRUPT, "key store " + file + " holds an invalid key under '"
            + alias + "': " + e.reason());
      }
    }
    return Collections.unmodifiableMap(keys);
  }

  /** The store's file. */
  public Path file() {
    return file;
  }

  /** The aliases, in insertion order. */
  public synchronized List<String> aliases() {
    return List.copyOf(keys.keySet());
  }

  /** Whether a key is stored under {@code alias}. */
  public synchronized boolean contains(String alias) {
    return keys.containsKey(alias);
  }

  /**
   * The key under {@code alias}.
   *
   * @throws KeyException {@code ALIAS_NOT_FOUND}
   */
  public synchronized KeyPair get(String alias) {
    KeyPair k = keys.get(alias);
    if (k == null) {
      throw new KeyException(Reason.ALIAS_NOT_FOUND, "no key under alias '" + alias + "' in " + file);
    }
    return k;
  }

  /**
   * Adds a key under a new alias and rewrites the file atomically.
   *
   * @throws KeyException {@code ALIAS_EXISTS}; {@code IO_ERROR} (the file is then unchanged)
   * @throws IllegalArgumentException for an alias outside {@code [A-Za-z0-9._-]{1,128}}
   */
  public synchronized void add(String alias, KeyPair key) {
    Objects.requireNonNull(key, "key");
    if (alias == null || !ALIAS.matcher(alias).matches()) {
      throw new IllegalArgumentException("alias must match [A-Za-z0-9._-]{1,128}, found '" + alias + "'");
    }
    if (keys.containsKey(alias)) {
      throw new KeyException(Reason.ALIAS_EXISTS, "a key already exists under alias '" + alias + "' in " + file);
    }
    Map<String, KeyPair> next = new LinkedHashMap<>(keys);
    next.put(alias, key);
    write(next);
    keys = Collections.unmodifiableMap(next);
  }

  /**
   * Removes the key under {@code alias} and rewrites the file atomically.
   *
   * @throws KeyException {@code ALIAS_NOT_FOUND}; {@code IO_ERROR} (the file is then unchanged)
   */
  public synchronized void remove(String alias) {
    get(alias);
    Map<String, KeyPair> next = new LinkedHashMap<>(keys);
    next.remove(alias);
    write(next);
    keys = Collections.unmodifiableMap(next);
  }

  private void write(Map<String, KeyPair> content) {
    if (closed) {
      throw new IllegalStateException("key store is closed");
    }
    List<JWK> labelled = new ArrayList<>();
    for (Map.Entry<String, KeyPair> e : content.entrySet()) {
      labelled.add(withKeyId(e.getValue().privateJwk(SecretAccess.insecure()), e.getKey()));
    }
    byte[] pw = utf8(password);
    try {
      JWEObject jwe = new JWEObject(
          new JWEHeader.Builder(JWEAlgorithm.PBES2_HS512_A256KW, EncryptionMethod.A256GCM)
              .contentType(CONTENT_TYPE).build(),
          new Payload(new JWKSet(labelled).toJSONObject(false)));
      jwe.encrypt(new PasswordBasedEncrypter(pw, 16, ITERATIONS));
      AtomicFiles.write(file, jwe.serialize().getBytes(StandardCharsets.US_ASCII), true);
    } catch (JOSEException e) {
      throw new KeyException(Reason.IO_ERROR, "cannot encrypt the key store: " + e.getMessage());
    } catch (IOException e) {
      throw new KeyException(Reason.IO_ERROR, "cannot write the key store " + file + ": " + e.getMessage());
    } finally {
      Arrays.fill(pw, (byte) 0);
    }
  }

  private static JWK withKeyId(JWK jwk, String alias) {
    Map<String, Object> json = jwk.toJSONObject();
    json.put("kid", alias);
    try {
      return JWK.parse(json);
    } catch (ParseException e) {
      throw new KeyException(Reason.INVALID_KEY, "cannot label the key '" + alias + "'");
    }
  }

  /** Wipes the in-memory password copy; later writes fail, reads of already loaded keys still work. */
  @Override
  public synchronized void close() {
    closed = true;
    Arrays.fill(password, '\0');
  }

  /** File and aliases only. */
  @Override
  public synchronized String toString() {
    return "EncryptedKeyStore{" + file + ", aliases=" + keys.keySet() + "}";
  }

  private static void checkPassword(char[] password) {
    Objects.requireNonNull(password, "password");
    if (password.length == 0) {
      throw new IllegalArgumentException("the key store password must not be empty");
    }
  }

  private static byte[] utf8(char[] chars) {
    ByteBuffer b = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars));
    byte[] out = new byte[b.remaining()];
    b.get(out);
    Arrays.fill(b.array(), (byte) 0);
    return out;
  }
}
