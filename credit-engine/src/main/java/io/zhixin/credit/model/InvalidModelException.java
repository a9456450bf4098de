package io.zhixin.credit.model;

/**
 * A scoring model file was refused: it is not valid JSON, or a field is missing, has the wrong type, or is out
 * of range. {@link #field()} is the JSON pointer (RFC 6901) of the offending value, for example
 * {@code /schemas/3/halfLifeDays}; the message says what was expected and what was found.
 *
 * <p>A model is data supplied by the caller, so this is an {@link IllegalArgumentException}: fix the file.
 */
public final class InvalidModelException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String field;
    private final String problem;

    /**
     * @param field the JSON pointer of the offending value ({@code /} for the whole document).
     * @param problem what is wrong, naming what was expected and what was found.
     */
    public InvalidModelException(String field, String problem) {
        super("invalid credit model at " + field + ": " + problem);
        this.field = field;
        this.problem = problem;
    }

    /** The JSON pointer of the offending value, for example {@code /dimensions/0/weight}. */
    public String field() {
        return field;
    }

    /** What is wrong with the value, without the field. */
    public String problem() {
        return problem;
    }
}
