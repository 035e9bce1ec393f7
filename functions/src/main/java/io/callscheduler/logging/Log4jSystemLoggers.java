package io.callscheduler.logging;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.ThreadContext;

import java.text.MessageFormat;
import java.util.Map;
import java.util.ResourceBundle;

/**
 * Where {@code System.Logger} (which all our code logs through) writes: Log4j 2, and so Powertools' JSON
 * layout on AWS. Each logger reaches Log4j only when it first logs, and a line first puts the invocation's
 * fields in the MDC ({@link InvocationLogging}), so an invocation that logs nothing never starts Log4j (most
 * API requests): the cold start pays for logging only when there is something to say. Registered as the
 * JVM's {@code System.LoggerFinder} (META-INF/services).
 */
public final class Log4jSystemLoggers extends System.LoggerFinder {
    /** Without Log4j on the classpath (the benchmark's reference run), lines go to java.util.logging. */
    private static final boolean LOG4J = InvocationLogging.onClasspath("org.apache.logging.log4j.LogManager");

    @Override
    public System.Logger getLogger(String name, Module module) {
        return LOG4J ? new Log4jSystemLogger(name) : new JulSystemLogger(name);
    }

    /** The JDK's own default, java.util.logging, for a classpath without Log4j. */
    static final class JulSystemLogger implements System.Logger {
        private final java.util.logging.Logger jul;

        JulSystemLogger(String name) {
            this.jul = java.util.logging.Logger.getLogger(name);
        }

        @Override
        public String getName() {
            return jul.getName();
        }

        @Override
        public boolean isLoggable(Level level) {
            return jul.isLoggable(julLevel(level));
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String message, Throwable thrown) {
            jul.log(julLevel(level), message, thrown);
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            jul.log(julLevel(level), format, params);
        }

        private static java.util.logging.Level julLevel(Level level) {
            return switch (level) {
                case ALL -> java.util.logging.Level.ALL;
                case TRACE -> java.util.logging.Level.FINER;
                case DEBUG -> java.util.logging.Level.FINE;
                case INFO -> java.util.logging.Level.INFO;
                case WARNING -> java.util.logging.Level.WARNING;
                case ERROR -> java.util.logging.Level.SEVERE;
                case OFF -> java.util.logging.Level.OFF;
            };
        }
    }

    /** A field learnt in the middle of an invocation, for its following lines. */
    static void addToLineContext(String name, String value) {
        if (LOG4J) {
            ThreadContext.put(name, value);
        }
    }

    /** Whether any logger has reached Log4j yet (started it). */
    private static volatile boolean log4jStarted;

    /** One named logger, its Log4j logger looked up on first use. */
    static final class Log4jSystemLogger implements System.Logger {
        private final String name;
        private volatile Logger log4j;

        Log4jSystemLogger(String name) {
            this.name = name;
        }

        private Logger log4j() {
            Logger logger = log4j;
            if (logger == null) {
                logger = LogManager.getLogger(name);
                log4j = logger;
                log4jStarted = true;
            }
            return logger;
        }

        @Override
        public String getName() {
            return name;
        }

        /**
         * Below INFO, Log4j is not started just to be asked (the SDK asks at every request): such lines count
         * only once it runs, and the shipped configuration writes INFO and above anyway.
         */
        @Override
        public boolean isLoggable(Level level) {
            if (level == Level.OFF || (!log4jStarted && level.getSeverity() < Level.INFO.getSeverity())) {
                return false;
            }
            return log4j().isEnabled(log4jLevel(level));
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String message, Throwable thrown) {
            if (isLoggable(level)) {
                withInvocationFields();
                log4j().log(log4jLevel(level), localized(bundle, message), thrown);
            }
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            if (isLoggable(level)) {
                withInvocationFields();
                String text = localized(bundle, format);
                log4j().log(log4jLevel(level), params == null || params.length == 0 ? text : MessageFormat.format(text, params));
            }
        }

        /** At the invocation's first line, its fields go to Log4j's context, and leave it when it ends. */
        private static void withInvocationFields() {
            Map<String, String> fields = InvocationLogging.firstLineFields(ThreadContext::clearMap);
            if (fields != null) {
                ThreadContext.putAll(fields);
            }
        }

        private static String localized(ResourceBundle bundle, String key) {
            return bundle != null && key != null && bundle.containsKey(key) ? bundle.getString(key) : key;
        }

        private static org.apache.logging.log4j.Level log4jLevel(Level level) {
            return switch (level) {
                case ALL, TRACE -> org.apache.logging.log4j.Level.TRACE;
                case DEBUG -> org.apache.logging.log4j.Level.DEBUG;
                case INFO -> org.apache.logging.log4j.Level.INFO;
                case WARNING -> org.apache.logging.log4j.Level.WARN;
                case ERROR -> org.apache.logging.log4j.Level.ERROR;
                case OFF -> org.apache.logging.log4j.Level.OFF;
            };
        }
    }
}
