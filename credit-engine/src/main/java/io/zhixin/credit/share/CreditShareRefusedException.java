package io.zhixin.credit.share;

import java.util.List;

/** The holder's side refused to make a credit proof; nothing was signed or disclosed. */
public final class CreditShareRefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why. */
    public enum Reason {
        /** The request asks for claims the holder did not approve. */
        NOT_APPROVED,
        /** The request asks for claims the credential cannot disclose. */
        NOT_IN_CREDENTIAL
    }

    private final Reason reason;
    private final List<String> claims;

    CreditShareRefusedException(Reason reason, List<String> claims, String message) {
        super(message);
        this.reason = reason;
        this.claims = List.copyOf(claims);
    }

    public Reason reason() {
        return reason;
    }

    /** The claims that caused the refusal. */
    public List<String> claims() {
        return claims;
    }
}
