package io.callscheduler.domain;

/** Bad input: maps to a 4xx naming the offending field. Nothing was written when it is thrown. */
public class ValidationException extends RuntimeException {
    private final String field;
    private final String code;

    public ValidationException(String field, String code, String message) {
        super(message);
        this.field = field;
        this.code = code;
    }

    /** The request field at fault (a JSON property, query parameter or path parameter); may be null. */
    public String field() {
        return field;
    }

    /** A stable machine-readable code such as {@code INVALID_PHONE_NUMBER}. */
    public String code() {
        return code;
    }
}
