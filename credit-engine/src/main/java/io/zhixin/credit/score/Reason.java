package io.zhixin.credit.score;

/**
 * One of the strongest factors behind a score.
 *
 * @param code the stable reason code of the schema, as the model names it ({@code PAYMENT_OVERDUE}).
 * @param dimension the dimension it moved.
 * @param milliPoints how far it moved that dimension, in thousandths of a point, after decay and cap:
 *     positive for factors up, negative for factors down.
 */
public record Reason(String code, String dimension, long milliPoints) {}
