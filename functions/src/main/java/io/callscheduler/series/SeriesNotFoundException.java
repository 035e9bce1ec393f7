package io.callscheduler.series;

/** No series has this id (404). */
public final class SeriesNotFoundException extends RuntimeException {
    public SeriesNotFoundException(String id) {
        super("no series with id '" + id + "'");
    }
}
