package io.callscheduler.series;

/** The series' status forbids the action (409): an ended or deleted series is history. */
public final class SeriesStateException extends RuntimeException {
    private final SeriesStatus status;

    public SeriesStateException(String id, SeriesStatus status, String action) {
        super("series " + id + " is " + status + " and cannot be " + action);
        this.status = status;
    }

    /** A series split in two: its rule and fields are the continuation's to change. */
    static SeriesStateException continued(Series series, String action) {
        return new SeriesStateException(series.status(), "series " + series.id() + " was split and continues as series "
                + series.continuedBy() + ": only its calls before the split are left, and it cannot be " + action
                + "; change series " + series.continuedBy() + " instead");
    }

    private SeriesStateException(SeriesStatus status, String message) {
        super(message);
        this.status = status;
    }

    public SeriesStatus status() {
        return status;
    }
}
