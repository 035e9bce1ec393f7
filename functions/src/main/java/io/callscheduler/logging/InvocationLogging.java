package io.callscheduler.logging;

import com.amazonaws.services.lambda.runtime.Context;
import org.slf4j.MDC;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

import java.util.Map;

/**
 * Every log line of an invocation carries who and what it is about: Powertools for AWS Lambda (v2) puts the
 * Lambda context in (function name, ARN, version, request id, cold start, X-Ray trace id), and the handler
 * adds ours: {@code call_id}, {@code source} (what triggered a dispatch), and the Scheduler's
 * {@code execution_id} and {@code attempt}. The code logs through System.Logger as before; Log4j writes the
 * lines (JSON on AWS, text locally) with these fields. All is cleared when the invocation ends.
 */
public final class InvocationLogging {
    public static final String CALL_ID = "call_id";
    public static final String SOURCE = "source";
    public static final String EXECUTION_ID = "execution_id";
    public static final String ATTEMPT = "attempt";

    /**
     * Whether Powertools is on the classpath: the benchmark runs each function without it too (its jars left
     * out), for the cold-start cost it adds; our fields still go to the MDC, which is then a no-op.
     */
    private static final boolean POWERTOOLS = onClasspath("software.amazon.lambda.powertools.logging.PowertoolsLogging");

    private InvocationLogging() {
    }

    /** Whether a class can be loaded here (a library may be left off the classpath: the benchmark's reference). */
    static boolean onClasspath(String className) {
        try {
            Class.forName(className, false, InvocationLogging.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** One invocation's work, which may throw what the handler may throw. */
    @FunctionalInterface
    public interface Work<T, E extends Exception> {
        T run() throws E;
    }

    /** This thread's invocation: its context and fields, handed to the log at its first line, if any. */
    private static final ThreadLocal<Invocation> CURRENT = new ThreadLocal<>();

    private static final class Invocation {
        final Context context;
        final Map<String, String> fields = new java.util.LinkedHashMap<>();
        Runnable clearLog;

        Invocation(Context context) {
            this.context = context;
        }
    }

    /**
     * Runs {@code work} with the context's and these fields (null values left out) on every line it logs.
     * Nothing is started here: Powertools and Log4j are reached at the first line, if there is one.
     */
    public static <T, E extends Exception> T around(Context context, Map<String, String> fields, Work<T, E> work) throws E {
        Invocation invocation = new Invocation(context);
        fields.forEach((name, value) -> {
            if (value != null && !value.isBlank()) {
                invocation.fields.put(name, value);
            }
        });
        Invocation outer = CURRENT.get();
        CURRENT.set(invocation);
        try {
            return work.run();
        } finally {
            if (invocation.clearLog != null) {
                if (POWERTOOLS) {
                    PowertoolsLogging.clearState(true);
                } else {
                    MDC.clear();
                }
                invocation.clearLog.run();
            }
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }

    /** From here to the end of the invocation, lines name this call (an id known only once the work began). */
    public static void aboutCall(String callId) {
        Invocation invocation = CURRENT.get();
        if (callId != null && invocation != null) {
            invocation.fields.put(CALL_ID, callId);
            if (invocation.clearLog != null) {
                Log4jSystemLoggers.addToLineContext(CALL_ID, callId);
            }
        }
    }

    /**
     * For the log backend at a line: the first time in an invocation, every field its lines carry (Powertools'
     * Lambda context and ours), and {@code clear} is run when the invocation ends; null after the first time
     * or outside an invocation.
     */
    static Map<String, String> firstLineFields(Runnable clear) {
        Invocation invocation = CURRENT.get();
        if (invocation == null || invocation.clearLog != null) {
            return null;
        }
        invocation.clearLog = clear;
        Map<String, String> all = new java.util.LinkedHashMap<>();
        if (invocation.context != null && POWERTOOLS) {
            PowertoolsLogging.initializeLogging(invocation.context);
            Map<String, String> powertools = MDC.getCopyOfContextMap();
            if (powertools != null) {
                all.putAll(powertools);
            }
        }
        all.putAll(invocation.fields);
        return all;
    }
}
