package io.zhixin.credit.model;

/**
 * How much counted evidence a subject needs before it gets a score rather than "insufficient data".
 *
 * @param attestations the least number of counted attestations (accredited, not revoked, not expired, of a
 *     schema in the model).
 * @param dimensions the least number of dimensions that have at least one counted attestation.
 */
public record MinimumEvidence(int attestations, int dimensions) {}
