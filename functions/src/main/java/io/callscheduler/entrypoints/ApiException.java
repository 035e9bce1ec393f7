package io.callscheduler.entrypoints;

/** A request refused before it reached the domain: unreadable body, wrong types, unknown fields. */
final class ApiException extends RuntimeException {
    final int statusCode;
    final String code;
    final String field;

    ApiException(int statusCode, String code, String field, String message) {
        super(message);
        this.statusCode = statusCode;
        this.code = code;
        this.field = field;
    }
}
