package io.zhixin.credit.model;

/**
 * How attestations of one schema count: which dimension they feed, in which direction, how much, how fast
 * they fade and how much they may add up to.
 *
 * <p>One attestation with value {@code v} contributes
 * {@code weightMilli * clamp(v, valueMin, valueMax) * decay(age) / 2^30} milli-points, {@code decay} being
 * the fixed-point factor of {@link io.zhixin.credit.score.Decay}. The contributions of all counted
 * attestations of the schema are summed and then capped at {@code capMilli}; the direction gives the sign.
 *
 * @param id the schema id as registered on chain: {@code 0x} and 64 lower-case hex digits, which is
 *     keccak256 of {@link #name()} in UTF-8.
 * @param name the schema's URI; its keccak256 is the id.
 * @param code the stable reason code reported when this schema is among the strongest factors.
 * @param dimension the dimension fed.
 * @param dimensionIndex the position of {@link #dimension()} in the model's dimension list.
 * @param direction whether the schema raises or lowers the dimension.
 * @param weightMilli milli-points per unit of value of a fresh attestation (1..100,000).
 * @param valueMin values below this count as this (0..32767).
 * @param valueMax values above this count as this (valueMin..32767).
 * @param halfLifeDays days after which an attestation counts half; 0 means it never fades (0..36,500).
 * @param capMilli the most milli-points all attestations of the schema together may move the dimension.
 * @param description what the schema's attestations say, for people reading the model.
 */
public record SchemaRule(
        String id,
        String name,
        String code,
        String dimension,
        int dimensionIndex,
        Direction direction,
        int weightMilli,
        int valueMin,
        int valueMax,
        int halfLifeDays,
        long capMilli,
        String description) {}
