package io.zhixin.credit.model;

/**
 * One dimension of a model, such as {@code compliance}.
 *
 * @param id the dimension's name, lower snake case ({@code credit_history}).
 * @param weight the dimension's weight in the composite, relative to the other dimensions' weights (1..1000).
 * @param base the dimension's score (0..100) before any attestation adds or takes points.
 * @param description what the dimension measures, for people reading the model.
 */
public record Dimension(String id, int weight, int base, String description) {}
