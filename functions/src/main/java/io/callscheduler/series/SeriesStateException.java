package io.callscheduler.series;

/** The series' status forbids the action (409): an ended or deleted series is history. */
public final class SeriesStateException extends RuntimeException {
    private final SeriesStatus status;

    public SeriesStateException(String id, SeriesStatus status, String action) {
        super("series " + id + " is " + status + " and cannot be " + action);
        this.status = status;
    }

    public SeriesStatus status() {
        return status;
    }
}
