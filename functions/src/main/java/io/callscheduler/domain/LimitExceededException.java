package io.callscheduler.domain;

/** A limit of the deployment's was reached (429, naming the field and the rule). Nothing was written. */
public class LimitExceededException extends ValidationException {
    public LimitExceededException(String field, String code, String message) {
        super(field, code, message);
    }
}
