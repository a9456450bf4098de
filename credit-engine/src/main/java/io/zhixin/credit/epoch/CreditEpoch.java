package io.zhixin.credit.epoch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zhixin.chain.Bytes32;
import io.zhixin.chain.CreditScoreRegistry;
import io.zhixin.chain.MerkleTree;
import io.zhixin.credit.internal.Hex;
import io.zhixin.credit.model.ScoringModel;
import io.zhixin.credit.score.BatchScores;
import io.zhixin.credit.score.DimensionScore;
import io.zhixin.credit.score.Reason;
import io.zhixin.credit.score.ScoreEncoding;
import io.zhixin.credit.score.ScoreResult;
import io.zhixin.credit.score.ScoringEpoch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One epoch's scores under one model, committed as a Merkle tree: every subject with at least one counted
 * attestation under the model (scored or with insufficient data), a random 32-byte salt per subject, and the leaf
 * {@code CreditScoreRegistry.scoreLeaf(subject, ScoreEncoding.scoreHash(result, model, salt))}. The as-of time is
 * inside every score record, so a leaf can only verify with the as-of time it was computed for.
 *
 * <p>After {@link EpochPublisher#publish} it also names the bureau's address, the chain and the publishing
 * transaction. The bureau keeps it ({@link #write}); the salts it holds are what lets the credit-score credentials
 * prove inclusion, and what stops anyone from testing guessed scores against a public root.
 *
 * <p>Immutable and thread-safe.
 */
public final class CreditEpoch {
    /** The file format written by {@link #write}. */
    public static final String FORMAT = "zhixin-credit-epoch/1";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** One subject's committed score. */
    public record Entry(ScoreResult result, byte[] salt, Bytes32 scoreHash, Bytes32 leaf) {
        public Entry {
            salt = salt.clone();
        }

        @Override
        public byte[] salt() {
            return salt.clone();
        }
    }

    /** Where and by whom the epoch was published. */
    public record Publication(String bureau, long chainId, long block, String transactionHash) {}

    private final ScoringModel model;
    private final ScoringEpoch epoch;
    private final Map<String, Entry> entries;
    private final MerkleTree tree;
    private final Publication publication;

    private CreditEpoch(ScoringModel model, ScoringEpoch epoch, Map<String, Entry> entries, Publication publication) {
        this.model = model;
        this.epoch = epoch;
        this.entries = Collections.unmodifiableMap(entries);
        this.tree = MerkleTree.of(entries.values().stream().map(Entry::leaf).toList());
        this.publication = publication;
    }

    /**
     * Commits every row of {@code scores} with at least one counted attestation, with fresh salts from {@code random}.
     *
     * @throws IllegalStateException when no subject has a counted attestation (an epoch of nobody cannot be published)
     */
    public static CreditEpoch commit(ScoringModel model, BatchScores scores, SecureRandom random) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        ScoringEpoch epoch = null;
        for (int i = 0; i < scores.size(); i++) {
            ScoreResult r = scores.result(i);
            epoch = r.epoch();
            if (r.countedAttestations() == 0) {
                continue; // not a subject of this model (or nothing about it counts yet)
            }
            byte[] salt = new byte[32];
            random.nextBytes(salt);
            entries.put(r.subject(), entry(r, model, salt));
        }
        if (entries.isEmpty()) {
            throw new IllegalStateException("no subject has a counted attestation under model " + label(model)
                    + "; there is nothing to commit");
        }
        return new CreditEpoch(model, epoch, entries, null);
    }

    private static Entry entry(ScoreResult r, ScoringModel model, byte[] salt) {
        Bytes32 hash = Bytes32.of(ScoreEncoding.scoreHash(r, model, salt));
        return new Entry(r, salt, hash, CreditScoreRegistry.scoreLeaf(Bytes32.fromHex(r.subject()), hash));
    }

    /** This epoch, published by {@code bureau} in {@code transactionHash}. */
    CreditEpoch published(Publication p) {
        return new CreditEpoch(model, epoch, new LinkedHashMap<>(entries), Objects.requireNonNull(p));
    }

    static String label(ScoringModel model) {
        return model.name() + "-v" + model.version();
    }

    public ScoringModel model() {
        return model;
    }

    /** The model's label, {@code person-v1}. */
    public String modelLabel() {
        return label(model);
    }

    public long epoch() {
        return epoch.epoch();
    }

    /** The as-of time, Unix seconds. */
    public long asOf() {
        return epoch.asOf();
    }

    public Bytes32 root() {
        return tree.root();
    }

    public int subjectCount() {
        return entries.size();
    }

    /** Every committed subject's entry, by subject ({@code 0x} + 64 hex digits). */
    public Map<String, Entry> entries() {
        return entries;
    }

    /** {@code subject}'s entry, if it is in the epoch. */
    public Optional<Entry> entry(String subject) {
        return Optional.ofNullable(entries.get(subject.toLowerCase(java.util.Locale.ROOT)));
    }

    /** The Merkle proof of {@code subject}'s leaf. */
    public List<Bytes32> proof(String subject) {
        Entry e = entry(subject).orElseThrow(() -> new IllegalArgumentException("subject " + subject + " is not in epoch "
                + epoch() + " (no counted attestation under " + modelLabel() + ")"));
        return tree.proof(e.leaf());
    }

    /** Where it was published; empty before {@link EpochPublisher#publish}. */
    public Optional<Publication> publication() {
        return Optional.ofNullable(publication);
    }

    /** Writes the epoch (with its salts: keep the file private to the bureau) atomically. */
    public void write(Path file) {
        ObjectNode root = JSON.createObjectNode().put("format", FORMAT).put("model", model.idHex())
                .put("modelName", modelLabel()).put("epoch", epoch()).put("asOf", asOf()).put("root", root().toHex())
                .put("subjectCount", subjectCount());
        if (publication != null) {
            root.put("bureau", publication.bureau()).put("chainId", publication.chainId()).put("block", publication.block())
                    .put("transaction", publication.transactionHash());
        }
        ArrayNode subjects = root.putArray("subjects");
        for (Entry e : entries.values()) {
            ObjectNode o = subjects.addObject().put("subject", e.result().subject()).put("salt", Hex.encode(e.salt))
                    .put("scoreHash", e.scoreHash().toHex()).put("counted", e.result().countedAttestations());
            if (e.result() instanceof ScoreResult.Scored s) {
                o.put("composite", s.composite()).put("band", s.band());
                ObjectNode dims = o.putObject("dimensions");
                ObjectNode evidence = o.putObject("evidence");
                s.dimensions().forEach(d -> {
                    dims.put(d.dimension(), d.score());
                    evidence.put(d.dimension(), d.evidence());
                });
                reasons(o.putArray("reasonsUp"), s.reasonsUp());
                reasons(o.putArray("reasonsDown"), s.reasonsDown());
            } else {
                o.put("dimensionsWithEvidence", ((ScoreResult.InsufficientData) e.result()).dimensionsWithEvidence());
            }
        }
        try {
            Path abs = file.toAbsolutePath();
            Files.createDirectories(abs.getParent());
            Path tmp = Files.createTempFile(abs.getParent(), ".epoch", ".tmp");
            JSON.writeValue(tmp.toFile(), root);
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write epoch file " + file + ": " + e.getMessage(), e);
        }
    }

    private static void reasons(ArrayNode out, List<Reason> rs) {
        rs.forEach(r -> out.addObject().put("code", r.code()).put("dimension", r.dimension()).put("milliPoints", r.milliPoints()));
    }

    /**
     * Reads an epoch file written by {@link #write}, recomputing every score hash and the root with {@code model}.
     *
     * @throws IllegalArgumentException when the file is not an epoch of {@code model}, or a hash or the root does
     *     not match what it records (a damaged or edited file)
     */
    public static CreditEpoch read(Path file, ScoringModel model) {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read epoch file " + file + ": " + e.getMessage(), e);
        }
        if (root == null || !FORMAT.equals(root.path("format").asText())) {
            throw new IllegalArgumentException(file + " is not a " + FORMAT + " file");
        }
        if (!model.idHex().equals(root.path("model").asText())) {
            throw new IllegalArgumentException("epoch file " + file + " is for model " + root.path("model").asText()
                    + ", not " + label(model) + " (" + model.idHex() + ")");
        }
        ScoringEpoch epoch = ScoringEpoch.of(root.path("epoch").asLong(), root.path("asOf").asLong());
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (JsonNode o : root.path("subjects")) {
            String subject = o.path("subject").asText();
            ScoreResult r;
            if (o.has("composite")) {
                List<DimensionScore> dims = new ArrayList<>();
                model.dimensions().forEach(d -> dims.add(new DimensionScore(d.id(), o.path("dimensions").path(d.id()).asInt(),
                        o.path("evidence").path(d.id()).asInt())));
                int composite = o.path("composite").asInt();
                r = new ScoreResult.Scored(subject, model.idHex(), epoch, composite, o.path("band").asText(),
                        model.bandIndexOf(composite), dims, reasons(o.path("reasonsUp")), reasons(o.path("reasonsDown")),
                        o.path("counted").asInt());
            } else {
                r = new ScoreResult.InsufficientData(subject, model.idHex(), epoch, o.path("counted").asInt(),
                        o.path("dimensionsWithEvidence").asInt(), model.minimumEvidence());
            }
            Entry e = entry(r, model, Hex.decode(o.path("salt").asText()));
            if (!e.scoreHash().toHex().equals(o.path("scoreHash").asText())) {
                throw new IllegalArgumentException("epoch file " + file + ": the score record of " + subject
                        + " does not hash to its recorded scoreHash; the file was damaged or edited");
            }
            entries.put(subject, e);
        }
        Publication p = root.has("bureau") ? new Publication(root.path("bureau").asText(), root.path("chainId").asLong(),
                root.path("block").asLong(), root.path("transaction").asText()) : null;
        CreditEpoch out = new CreditEpoch(model, epoch, entries, p);
        if (!out.root().toHex().equals(root.path("root").asText())) {
            throw new IllegalArgumentException("epoch file " + file + ": the subjects rebuild root " + out.root()
                    + ", the file records " + root.path("root").asText());
        }
        return out;
    }

    private static List<Reason> reasons(JsonNode arr) {
        List<Reason> out = new ArrayList<>();
        arr.forEach(n -> out.add(new Reason(n.path("code").asText(), n.path("dimension").asText(), n.path("milliPoints").asLong())));
        return out;
    }

    @Override
    public String toString() {
        return "CreditEpoch{" + epoch() + ", " + modelLabel() + ", asOf " + asOf() + ", " + subjectCount() + " subjects, root "
                + root() + "}";
    }
}
