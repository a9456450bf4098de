package io.zhixin.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zhixin.credentials.status.BitstringStatusList;
import io.zhixin.credentials.status.StatusEntry;
import io.zhixin.credentials.status.StatusPurpose;
import io.zhixin.credentials.vc.VcJwtIssuer;
import io.zhixin.credentials.vc.VerifiableCredential;
import io.zhixin.keys.Signer;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The issuer's status lists kept in one JSON file: for each purpose the list URL, its size, the status bits and
 * which indices were handed out, so that a credential's index is never reused and revocations survive restarts.
 *
 * <p>The same rules as {@code StatusListManager} (random indices, at most 75% filled, revocation permanent,
 * suspension reversible, the same {@code BitstringStatusListCredential} when published); the manager keeps its
 * state in memory only, so the file is handled here with the module's public {@link BitstringStatusList}.
 * Every change runs under an exclusive lock on {@code FILE.lock} and replaces the file atomically.
 *
 * <pre>
 * {"format": "zhixin-status-lists/1", "issuer": "did:…",
 *  "lists": {"revocation": {"url": "https://…/status/1", "size": 131072, "encodedList": "u…", "allocated": "u…"}}}
 * </pre>
 */
final class StatusListFile {
  static final String FORMAT = "zhixin-status-lists/1";
  private static final double MAX_FILL = 0.75;
  private static final SecureRandom RANDOM = new SecureRandom();

  static final class List1 {
    final String url;
    final BitstringStatusList bits;
    final BitstringStatusList allocated;

    List1(String url, BitstringStatusList bits, BitstringStatusList allocated) {
      this.url = url;
      this.bits = bits;
      this.allocated = allocated;
    }

    int count() {
      int n = 0;
      for (int i = 0; i < allocated.size(); i++) {
        n += allocated.get(i) ? 1 : 0;
      }
      return n;
    }
  }

  final Path file;
  final String issuer;
  final Map<StatusPurpose, List1> lists;

  private StatusListFile(Path file, String issuer, Map<StatusPurpose, List1> lists) {
    this.file = file;
    this.issuer = issuer;
    this.lists = lists;
  }

  /** A change to the lists, run under the file lock; the file is rewritten when it returns. */
  interface Change<T> {
    T apply(StatusListFile lists);
  }

  /** Creates a new file; refuses to overwrite one. */
  static void create(Path file, String issuer, Map<StatusPurpose, String> urls, int size) {
    if (Files.exists(file)) {
      throw new CliException("the status list file " + file + " already exists; it holds issued indices and "
          + "is never overwritten");
    }
    Map<StatusPurpose, List1> lists = new EnumMap<>(StatusPurpose.class);
    urls.forEach((p, u) -> {
      StatusEntry.of(p, 0, u); // validates the URL
      lists.put(p, new List1(u, BitstringStatusList.create(size), BitstringStatusList.create(size)));
    });
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
    } catch (IOException e) {
      throw new CliException("cannot create the folder of " + file + ": " + e.getMessage());
    }
    withLock(file, () -> {
      if (Files.exists(file)) {
        throw new CliException("the status list file " + file + " already exists");
      }
      new StatusListFile(file, issuer, lists).save();
      return null;
    });
  }

  /** Loads the file, applies {@code change} and saves it, all under the lock. */
  static <T> T update(Path file, Change<T> change) {
    return withLock(file, () -> {
      StatusListFile f = load(file);
      T result = change.apply(f);
      f.save();
      return result;
    });
  }

  /** Loads the file (for reading only). */
  static StatusListFile read(Path file) {
    return withLock(file, () -> load(file));
  }

  private interface Locked<T> {
    T run();
  }

  /** Threads of this JVM queue here; other processes queue on the file lock (which a JVM holds only once). */
  private static final ConcurrentHashMap<Path, Object> MONITORS = new ConcurrentHashMap<>();

  private static <T> T withLock(Path file, Locked<T> body) {
    Path abs = file.toAbsolutePath().normalize();
    if (!Files.isDirectory(abs.getParent())) {
      throw new CliException("no status list file " + file + "; create one with: zhixin vc status create");
    }
    Path lock = abs.resolveSibling(abs.getFileName() + ".lock");
    synchronized (MONITORS.computeIfAbsent(abs, p -> new Object())) {
      return lockFile(file, lock, body);
    }
  }

  private static <T> T lockFile(Path file, Path lock, Locked<T> body) {
    try (FileChannel ch = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      FileLock l = ch.lock();
      try {
        return body.run();
      } finally {
        l.release();
      }
    } catch (OverlappingFileLockException e) {
      throw new CliException("the status list file " + file + " is in use");
    } catch (IOException e) {
      throw new CliException("cannot lock the status list file " + file + ": " + e.getClass().getSimpleName()
          + " " + e.getMessage());
    }
  }

  private static StatusListFile load(Path file) {
    if (!Files.exists(file)) {
      throw new CliException("no status list file " + file + "; create one with: zhixin vc status create");
    }
    String what = "the status list file " + file;
    JsonNode root = VcFiles.object(VcFiles.read(file.toString(), "status list file"), what);
    if (!FORMAT.equals(root.path("format").asText())) {
      throw new CliException(what + " is not a " + FORMAT + " file");
    }
    String issuer = root.path("issuer").asText("");
    if (issuer.isEmpty()) {
      throw new CliException(what + " names no issuer");
    }
    Map<StatusPurpose, List1> lists = new EnumMap<>(StatusPurpose.class);
    JsonNode ls = root.path("lists");
    if (!ls.isObject() || ls.isEmpty()) {
      throw new CliException(what + " has no lists");
    }
    for (Map.Entry<String, JsonNode> e : ls.properties()) {
      try {
        StatusPurpose p = StatusPurpose.parse(e.getKey());
        JsonNode l = e.getValue();
        String url = l.path("url").asText("");
        StatusEntry.of(p, 0, url);
        BitstringStatusList bits = BitstringStatusList.decode(l.path("encodedList").asText(null));
        BitstringStatusList allocated = BitstringStatusList.decode(l.path("allocated").asText(null));
        if (bits.size() != allocated.size() || bits.size() != l.path("size").asInt(-1)) {
          throw new IllegalArgumentException("list sizes disagree");
        }
        lists.put(p, new List1(url, bits, allocated));
      } catch (IllegalArgumentException ex) {
        throw new CliException(what + ", list " + e.getKey() + ": " + ex.getMessage());
      }
    }
    return new StatusListFile(file, issuer, lists);
  }

  private void save() {
    ObjectNode root = VcFiles.JSON.createObjectNode();
    root.put("format", FORMAT);
    root.put("issuer", issuer);
    ObjectNode ls = root.putObject("lists");
    lists.forEach((p, l) -> ls.putObject(p.value()).put("url", l.url).put("size", l.bits.size())
        .put("encodedList", l.bits.encode()).put("allocated", l.allocated.encode()));
    VcFiles.writeAtomically(file, VcFiles.pretty(root) + "\n");
  }

  /** Allocates one fresh random index in each list. */
  List<StatusEntry> allocate() {
    List<StatusEntry> out = new ArrayList<>();
    lists.forEach((p, l) -> {
      int size = l.allocated.size();
      if (l.count() >= size * MAX_FILL) {
        throw new CliException("the " + p.value() + " list " + l.url + " is 75% allocated; create a new list file "
            + "with a new URL");
      }
      int i;
      do {
        i = RANDOM.nextInt(size);
      } while (l.allocated.get(i));
      l.allocated.set(i, true);
      out.add(StatusEntry.of(p, i, l.url));
    });
    return out;
  }

  /** Sets or clears the bit of an allocated index. */
  void set(StatusPurpose purpose, long index, boolean value) {
    List1 l = lists.get(purpose);
    if (l == null) {
      throw new CliException("the status list file " + file + " has no " + purpose.value() + " list");
    }
    if (index < 0 || index >= l.allocated.size() || !l.allocated.get(index)) {
      throw new CliException("index " + index + " of the " + purpose.value() + " list was never allocated to a "
          + "credential");
    }
    l.bits.set(index, value);
  }

  boolean get(StatusPurpose purpose, long index) {
    List1 l = lists.get(purpose);
    return l != null && index >= 0 && index < l.bits.size() && l.bits.get(index);
  }

  /** The signed {@code BitstringStatusListCredential} ({@code vc+jwt}) of one list, as of {@code now}. */
  String publish(StatusPurpose purpose, Signer signer, String keyId, Instant now, Duration validity) {
    List1 l = lists.get(purpose);
    if (l == null) {
      throw new CliException("the status list file " + file + " has no " + purpose.value() + " list");
    }
    VerifiableCredential vc = VerifiableCredential.builder().id(l.url).type("BitstringStatusListCredential")
        .issuer(issuer).validFrom(now).validUntil(now.plus(validity))
        .subject(Map.of("id", l.url + "#list", "type", "BitstringStatusList", "statusPurpose", purpose.value(),
            "encodedList", l.bits.encode()))
        .build();
    return VcJwtIssuer.builder().signer(signer).issuer(issuer).keyId(keyId).build().issue(vc);
  }
}
