package io.callscheduler.emulators;

/** A Lambda function run in this JVM: raw JSON payload in, raw JSON payload out. */
@FunctionalInterface
public interface LocalFunction {
    /** @throws Exception an unhandled function error (reported as {@code X-Amz-Function-Error: Unhandled}) */
    byte[] invoke(byte[] payload) throws Exception;
}
