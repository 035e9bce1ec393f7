package io.callscheduler.logging;

import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SLF4J's provider here (META-INF/services): what the AWS SDK and Powertools log through SLF4J goes to
 * {@code System.Logger}, and so through {@link Log4jSystemLoggers} to Log4j, started at a first line rather
 * than when the SDK first asks for a logger. Its MDC is SLF4J's own in-memory one; Powertools' fields put
 * there are copied to Log4j's at an invocation's first line ({@link InvocationLogging}).
 */
public final class Slf4jToSystemLogger implements SLF4JServiceProvider {
    private final Map<String, org.slf4j.Logger> loggers = new ConcurrentHashMap<>();
    private final ILoggerFactory factory = name -> loggers.computeIfAbsent(name, SystemLoggerAdapter::new);
    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new BasicMDCAdapter();

    @Override
    public ILoggerFactory getLoggerFactory() {
        return factory;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
        // nothing to start: loggers reach System.Logger when used
    }

    /** One SLF4J logger writing to the System.Logger of the same name. */
    static final class SystemLoggerAdapter extends LegacyAbstractLogger {
        private final transient System.Logger target;

        SystemLoggerAdapter(String name) {
            this.name = name;
            this.target = System.getLogger(name);
        }

        @Override
        public boolean isTraceEnabled() {
            return target.isLoggable(systemLevel(Level.TRACE));
        }

        @Override
        public boolean isDebugEnabled() {
            return target.isLoggable(systemLevel(Level.DEBUG));
        }

        @Override
        public boolean isInfoEnabled() {
            return target.isLoggable(systemLevel(Level.INFO));
        }

        @Override
        public boolean isWarnEnabled() {
            return target.isLoggable(systemLevel(Level.WARN));
        }

        @Override
        public boolean isErrorEnabled() {
            return target.isLoggable(systemLevel(Level.ERROR));
        }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(Level level, Marker marker, String message, Object[] arguments,
                                                   Throwable throwable) {
            target.log(systemLevel(level), MessageFormatter.basicArrayFormat(message, arguments), throwable);
        }

        private static System.Logger.Level systemLevel(Level level) {
            return switch (level) {
                case TRACE -> System.Logger.Level.TRACE;
                case DEBUG -> System.Logger.Level.DEBUG;
                case INFO -> System.Logger.Level.INFO;
                case WARN -> System.Logger.Level.WARNING;
                case ERROR -> System.Logger.Level.ERROR;
            };
        }
    }
}
