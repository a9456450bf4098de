package io.zhixin.credit.index;

import io.zhixin.chain.AttestationRegistry;
import io.zhixin.chain.Bytes32;
import io.zhixin.credit.model.SchemaRule;
import io.zhixin.credit.model.ScoringModel;

/**
 * Registers a model's attestation schemas in the {@code AttestationRegistry} (the root authority's job), so that
 * accredited attestors can write attestations the model counts. Each schema's dimension is
 * {@code keccak256(dimension id)}, its value meaning the schema's name; all are revocable.
 */
public final class ModelSchemas {
    private ModelSchemas() {}

    /**
     * Registers every schema of {@code model} that is not registered yet and returns how many it registered.
     *
     * @throws io.zhixin.chain.ContractRevertException when the sender is not the root authority
     */
    public static int register(AttestationRegistry registry, ScoringModel model) {
        int n = 0;
        for (SchemaRule rule : model.schemas()) {
            Bytes32 id = Bytes32.fromHex(rule.id());
            if (registry.schema(id).isEmpty()) {
                registry.registerSchema(id, Bytes32.keccak(rule.dimension()), rule.name(), true);
                n++;
            }
        }
        return n;
    }

    /** The on-chain id of the schema with reason code {@code code} in {@code model}. */
    public static Bytes32 id(ScoringModel model, String code) {
        return model.schemas().stream().filter(s -> s.code().equals(code)).findFirst()
                .map(s -> Bytes32.fromHex(s.id()))
                .orElseThrow(() -> new IllegalArgumentException("model " + model.name() + "-v" + model.version()
                        + " has no schema with reason code " + code));
    }
}
