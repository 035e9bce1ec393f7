package io.callscheduler.emulators;

/** An error an emulated service answers with, in AWS's form (status and error type). */
public class AwsError extends RuntimeException {
    private final int status;
    private final String type;

    public AwsError(int status, String type, String message) {
        super(message);
        this.status = status;
        this.type = type;
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }
}
