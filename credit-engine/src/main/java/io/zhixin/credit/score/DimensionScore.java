package io.zhixin.credit.score;

/**
 * A subject's score in one dimension.
 *
 * @param dimension the dimension's id ({@code credit_history}).
 * @param score 0..100.
 * @param evidence how many counted attestations fed it.
 */
public record DimensionScore(String dimension, int score, int evidence) {}
