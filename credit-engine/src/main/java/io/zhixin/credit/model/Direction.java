package io.zhixin.credit.model;

/** Whether attestations of a schema raise ({@code "+"}) or lower ({@code "-"}) their dimension. */
public enum Direction {
    /** The attestation is good news: it adds points. Written {@code "+"} in a model file. */
    UP("+", 1),
    /** The attestation is bad news: it takes points away. Written {@code "-"} in a model file. */
    DOWN("-", -1);

    private final String symbol;
    private final int sign;

    Direction(String symbol, int sign) {
        this.symbol = symbol;
        this.sign = sign;
    }

    /** The spelling in a model file: {@code "+"} or {@code "-"}. */
    public String symbol() {
        return symbol;
    }

    /** {@code 1} or {@code -1}. */
    public int sign() {
        return sign;
    }

    static Direction parse(String s, String field) {
        for (Direction d : values()) {
            if (d.symbol.equals(s)) {
                return d;
            }
        }
        throw new InvalidModelException(field, "expected \"+\" or \"-\", found \"" + s + "\"");
    }
}
