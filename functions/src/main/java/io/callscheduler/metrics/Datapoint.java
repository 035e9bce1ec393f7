package io.callscheduler.metrics;

/**
 * One recorded value: a metric's name, its value and unit, and at most one dimension (null for none), as
 * CloudWatch names them.
 */
public record Datapoint(String name, double value, Unit unit, String dimension, String dimensionValue) {
    public enum Unit { COUNT, SECONDS, MILLISECONDS }

    public static Datapoint of(String name, double value, Unit unit) {
        return new Datapoint(name, value, unit, null, null);
    }
}
