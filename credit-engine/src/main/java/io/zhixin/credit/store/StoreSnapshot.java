package io.zhixin.credit.store;

import io.zhixin.credit.score.Accreditations;
import io.zhixin.credit.score.AttestationColumns;
import java.util.OptionalLong;

/**
 * Everything scoring needs, read from the store in one consistent snapshot.
 *
 * @param columns the attestations grouped by subject.
 * @param accreditations the accreditation intervals.
 * @param checkpointBlock the last indexed block the snapshot reflects (empty for an empty store).
 */
public record StoreSnapshot(AttestationColumns columns, Accreditations accreditations, OptionalLong checkpointBlock) {}
