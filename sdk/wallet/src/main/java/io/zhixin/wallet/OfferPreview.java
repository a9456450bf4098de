package io.zhixin.wallet;

import java.util.List;

/**
 * What a credential offer offers, shown before receiving it.
 *
 * @param credentialIssuer the issuer URL
 * @param configurationIds the offered credential configuration ids
 * @param displayNames the issuer's display names for them (the id where it gives none)
 * @param txCodeRequired whether a transaction code must be entered
 * @param txCodeLength its length, or 0 when unknown
 * @param txCodeDescription the issuer's hint for it, or null
 */
public record OfferPreview(String credentialIssuer, List<String> configurationIds, List<String> displayNames,
    boolean txCodeRequired, int txCodeLength, String txCodeDescription) {}
