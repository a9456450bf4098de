package io.zhixin.credit.model;

/**
 * A named composite range, both ends inclusive, such as {@code good} for 650..699.
 *
 * @param name the band's name, lower snake case.
 * @param min the lowest composite in the band.
 * @param max the highest composite in the band.
 */
public record Band(String name, int min, int max) {
    /** Whether {@code composite} lies in this band. */
    public boolean contains(int composite) {
        return composite >= min && composite <= max;
    }
}
