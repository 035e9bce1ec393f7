package io.callscheduler.config;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * The functions' settings, read from environment variables (template.yaml sets them on AWS; the local cloud
 * passes each function the environment its template entry gives it). Variables a function does not use
 * may be absent; {@link #require(String)} fails with a message naming the variable when a needed one is.
 */
public final class AppConfig {
    private final Map<String, String> env;

    public AppConfig(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    public Map<String, String> environment() {
        return env;
    }

    public String tableName() {
        return require("TABLE_NAME");
    }

    public String scheduleGroupName() {
        return require("SCHEDULE_GROUP_NAME");
    }

    public String dispatchFunctionArn() {
        return require("DISPATCH_FUNCTION_ARN");
    }

    /**
     * What each call's schedule invokes: with DialPrecision=second the small dial waiter (DIAL_WAITER_FUNCTION_ARN),
     * which waits out the early firing and hands over to dispatch; with minute, or without a waiter, dispatch itself.
     */
    public String scheduleTargetArn() {
        String waiter = env.get("DIAL_WAITER_FUNCTION_ARN");
        return dialPrecisionSecond() && waiter != null && !waiter.isBlank() ? waiter : dispatchFunctionArn();
    }

    /**
     * How long before a call's claim moment the dial waiter invokes dispatch: a synchronous invoke plus, at
     * worst, the dispatch function's SnapStart restore (DIAL_HANDOVER_MS).
     */
    public Duration dialHandover() {
        return Duration.ofMillis(integer("DIAL_HANDOVER_MS", 1500, 0, 30_000));
    }

    public String schedulerRoleArn() {
        return require("SCHEDULER_ROLE_ARN");
    }

    /** Optional: without it failed deliveries are only retried, not dead-lettered. */
    public String deadLetterQueueArn() {
        return env.get("DEAD_LETTER_QUEUE_ARN");
    }

    public int scheduleMaxRetryAttempts() {
        return integer("SCHEDULE_MAX_RETRY_ATTEMPTS", 5, 0, 185);
    }

    public int scheduleMaxEventAgeSeconds() {
        return integer("SCHEDULE_MAX_EVENT_AGE_SECONDS", 3600, 60, 86400);
    }

    public URI callApiUrl() {
        return url("CALL_API_URL", env.getOrDefault("CALL_API_URL", "http://localhost:5000"));
    }

    private static URI url(String name, String value) {
        try {
            URI uri = URI.create(value);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException("no scheme or host");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(name + " '" + value + "' is not an http(s) URL", e);
        }
    }

    /** {@code Name: value}, e.g. {@code Authorization: Bearer abc}; null for none. */
    public String callApiAuthHeader() {
        String value = env.get("CALL_API_AUTH_HEADER");
        return value == null || value.isBlank() ? null : value;
    }

    public Duration callApiConnectTimeout() {
        return Duration.ofMillis(integer("CALL_API_CONNECT_TIMEOUT_MS", 2000, 1, 60_000));
    }

    public Duration callApiReadTimeout() {
        return Duration.ofMillis(integer("CALL_API_READ_TIMEOUT_MS", 5000, 1, 60_000));
    }

    /** The web page's origin for CORS; {@code *} by default. */
    public String allowedOrigin() {
        return env.getOrDefault("ALLOWED_ORIGIN", "*");
    }

    public int syncConcurrency() {
        return integer("SYNC_CONCURRENCY", 64, 1, 1024);
    }

    /**
     * Set by the local cloud only, never by the template: the moment it started. Every dispatch claimed before it died
     * with the previous process (the data directory's lock lets one local cloud at a time dispatch for its data), so
     * the status sync reclaims those dials at once. Null when absent, as on AWS.
     */
    public java.time.Instant dialsCutOffBefore() {
        String value = env.get("DIALS_CUT_OFF_BEFORE");
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return java.time.Instant.parse(value.strip());
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalStateException("DIALS_CUT_OFF_BEFORE must be an ISO-8601 instant, not '" + value + "'");
        }
    }

    public Duration sweepGrace() {
        return Duration.ofSeconds(integer("SWEEP_GRACE_SECONDS", 15, 0, 3600));
    }

    /** How long after its scheduled time a call keeps being tried through provider outages (template: DialDeadlineMinutes). */
    public Duration dialDeadline() {
        return Duration.ofMinutes(integer("DIAL_DEADLINE_MINUTES", 15, 1, 1440));
    }

    /** The wait after a call's first failed attempt; it doubles up to five times this (DialRetryBackoffSeconds). */
    public Duration dialRetryBackoff() {
        return Duration.ofSeconds(integer("DIAL_RETRY_BACKOFF_SECONDS", 60, 1, 3600));
    }

    /** Which provider adapter dials (template: CallProvider). */
    public String callProvider() {
        String value = env.getOrDefault("CALL_PROVIDER", "generic").strip().toLowerCase(java.util.Locale.ROOT);
        if (!value.equals("generic") && !value.equals("twilio")) {
            throw new IllegalStateException("CALL_PROVIDER must be generic or twilio, not '" + value + "'");
        }
        return value;
    }

    /** The API's public URL, under which providers post status callbacks; null when unknown (no callbacks). */
    public URI publicApiUrl() {
        String value = env.get("PUBLIC_API_URL");
        return value == null || value.isBlank() ? null : url("PUBLIC_API_URL", value.strip());
    }

    public URI twilioApiBaseUrl() {
        return url("TWILIO_API_BASE_URL", env.getOrDefault("TWILIO_API_BASE_URL", "https://api.twilio.com"));
    }

    /** The default caller ID (template: TwilioFromNumber); null when none is set. */
    public String twilioFromNumber() {
        String value = env.get("TWILIO_FROM_NUMBER");
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** The caller IDs a call may name (template: AllowedCallerIds, comma-separated); empty allows only the default. */
    public java.util.Set<String> allowedCallerIds() {
        return commaSeparated("ALLOWED_CALLER_IDS");
    }

    /** The hosts a twimlUrl may name (template: AllowedTwimlHosts, comma-separated); empty turns twimlUrl off. */
    public java.util.Set<String> allowedTwimlHosts() {
        return commaSeparated("ALLOWED_TWIML_HOSTS");
    }

    private java.util.Set<String> commaSeparated(String name) {
        java.util.Set<String> values = new java.util.LinkedHashSet<>();
        for (String value : env.getOrDefault(name, "").split(",")) {
            if (!value.isBlank()) {
                values.add(value.strip());
            }
        }
        return values;
    }

    /** Twilio's MachineDetection (Enable or DetectMessageEnd), or null for off (template: TwilioMachineDetection). */
    public String twilioMachineDetection() {
        String value = env.getOrDefault("TWILIO_MACHINE_DETECTION", "").strip();
        return value.isEmpty() || value.equalsIgnoreCase("off") ? null : value;
    }

    /** The key that opts a Twilio callee out after the message (template: OptOutDigit); null for off. */
    public String optOutDigit() {
        return io.callscheduler.optout.OptOutDigits.deployment(env.get("OPT_OUT_DIGIT"));
    }

    public Duration twilioRingTimeout() {
        return Duration.ofSeconds(integer("TWILIO_RING_TIMEOUT_SECONDS", 60, 5, 600));
    }

    /** The provider secret's ARN (template: ProviderSecretArn); null to read secrets from the environment. */
    public String providerSecretArn() {
        String value = env.get("PROVIDER_SECRET_ARN");
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** How long a placed call may go without a callback before the status sync polls it (ReconcileAfterSeconds). */
    public Duration reconcileAfter() {
        return Duration.ofSeconds(integer("RECONCILE_AFTER_SECONDS", 120, 0, 86400));
    }

    /**
     * Dials per second across all dispatchers (template: MaxCallsPerSecond); 0 for no limit. Unset, the
     * provider's default: 1 for Twilio (a new account's limit), none for the generic contract.
     */
    public double maxCallsPerSecond() {
        String value = env.getOrDefault("MAX_CALLS_PER_SECOND", "").strip();
        if (value.isEmpty()) {
            return callProvider().equals("twilio") ? 1 : 0;
        }
        try {
            double rate = Double.parseDouble(value);
            if (rate >= 0 && rate <= 1000) {
                return rate;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalStateException("MAX_CALLS_PER_SECOND must be a number from 0 to 1000, not '" + value + "'");
    }

    /** Calls dialing or on the phone at once, across all dispatchers (template: MaxConcurrentCalls); 0 for no limit. */
    public int maxConcurrentCalls() {
        return integer("MAX_CONCURRENT_CALLS", 0, 0, 5000);
    }

    /** The country calling codes calls may go to (template: AllowedCountryCodes, e.g. "1,44"); empty for all. */
    public java.util.Set<Integer> allowedCountryCodes() {
        String value = env.getOrDefault("ALLOWED_COUNTRY_CODES", "").strip();
        java.util.Set<Integer> codes = new java.util.TreeSet<>();
        for (String code : value.isEmpty() ? new String[0] : value.split(",")) {
            String digits = code.strip().replaceFirst("^\\+", "");
            if (!digits.matches("[1-9][0-9]{0,2}")) {
                throw new IllegalStateException("ALLOWED_COUNTRY_CODES must be calling codes separated by commas, such as 1,44; not '"
                        + value + "'");
            }
            codes.add(Integer.parseInt(digits));
        }
        return codes;
    }

    /**
     * The number types calls may go to (template: AllowedNumberTypes, e.g. "FIXED_LINE,MOBILE"); unset or blank,
     * {@link io.callscheduler.destinations.NumberType#DEFAULT_ALLOWED}.
     */
    public java.util.Set<io.callscheduler.destinations.NumberType> allowedNumberTypes() {
        String value = env.getOrDefault("ALLOWED_NUMBER_TYPES", "").strip();
        if (value.isEmpty()) {
            return io.callscheduler.destinations.NumberType.DEFAULT_ALLOWED;
        }
        try {
            return io.callscheduler.destinations.NumberType.parseList(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("ALLOWED_NUMBER_TYPES: " + e.getMessage(), e);
        }
    }

    /** Dial attempts to one number a UTC day at most, redials included (template: MaxCallsPerNumberPerDay); 0 for no cap. */
    public int maxCallsPerNumberPerDay() {
        return integer("MAX_CALLS_PER_NUMBER_PER_DAY", 10, 0, 100_000);
    }

    /** DialPrecision: true for "second" (the default), false for "minute". */
    public boolean dialPrecisionSecond() {
        String value = env.getOrDefault("DIAL_PRECISION", "second").strip().toLowerCase(java.util.Locale.ROOT);
        if (!value.equals("second") && !value.equals("minute")) {
            throw new IllegalStateException("DIAL_PRECISION must be second or minute, not '" + value + "'");
        }
        return value.equals("second");
    }

    /** How long before its moment a call is claimed for dialing (DialClaimLeadSeconds): the last moment to cancel. */
    public Duration dialClaimLead() {
        return Duration.ofSeconds(integer("DIAL_CLAIM_LEAD_SECONDS", 2, 0, 50));
    }

    /** The calling hours (template: CallingHours, CallingDays); any time when both are empty. */
    public io.callscheduler.callinghours.CallingWindow callingWindow() {
        try {
            return io.callscheduler.callinghours.CallingWindow.parse(env.get("CALLING_HOURS"), env.get("CALLING_DAYS"));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("CALLING_HOURS / CALLING_DAYS: " + e.getMessage(), e);
        }
    }

    /**
     * The deployment's redial policy (RedialOn, RedialMaxAttempts, RedialAfterMinutes); off by default. It is held to
     * {@link #redialLimits()}: narrowed to them, with a warning, when it asks for more.
     */
    public io.callscheduler.redial.RedialPolicy redialPolicy() {
        io.callscheduler.redial.RedialPolicy policy;
        try {
            var on = io.callscheduler.redial.RedialPolicy.parseOutcomes(env.get("REDIAL_ON"));
            policy = new io.callscheduler.redial.RedialPolicy(on, integer("REDIAL_MAX_ATTEMPTS", 3, 1, 10),
                    io.callscheduler.redial.RedialPolicy.minutes(minutes("REDIAL_AFTER_MINUTES", "10")));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("REDIAL_ON / REDIAL_MAX_ATTEMPTS / REDIAL_AFTER_MINUTES: " + e.getMessage(), e);
        }
        io.callscheduler.redial.RedialLimits limits = redialLimits();
        String breach = limits.breach(policy);
        if (breach == null) {
            return policy;
        }
        // Held to the limits rather than refused: a stack upgraded with a wider redial keeps answering its requests.
        var held = new io.callscheduler.redial.RedialPolicy(policy.on(), Math.min(policy.maxAttempts(), limits.maxAttempts()),
                policy.after().compareTo(limits.minAfter()) < 0 ? limits.minAfter() : policy.after());
        System.getLogger(AppConfig.class.getName()).log(System.Logger.Level.WARNING, "the deployment's redial "
                + "(RedialAfterMinutes, RedialMaxAttempts) asks for more than its limits allow (" + breach + "): "
                + "redialing " + held.describe());
        return held;
    }

    /**
     * What any redial may ask for, against harassment: attempts at least RedialAfterMinutesFloor (1) apart, at most
     * RedialAttemptsCeiling (5) in all.
     */
    public io.callscheduler.redial.RedialLimits redialLimits() {
        try {
            return new io.callscheduler.redial.RedialLimits(
                    io.callscheduler.redial.RedialPolicy.minutes(minutes("REDIAL_AFTER_MINUTES_FLOOR", "1")),
                    integer("REDIAL_ATTEMPTS_CEILING", 5, 1, 10));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("REDIAL_AFTER_MINUTES_FLOOR / REDIAL_ATTEMPTS_CEILING: " + e.getMessage(), e);
        }
    }

    /** A number of minutes, fractions allowed; {@code fallback} when unset or blank. */
    private double minutes(String name, String fallback) {
        String value = env.getOrDefault(name, fallback).strip();
        try {
            return Double.parseDouble(value.isEmpty() ? fallback : value);
        } catch (NumberFormatException e) {
            throw new IllegalStateException(name + " must be a number of minutes, not '" + value + "'");
        }
    }

    public String require(String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("environment variable " + name + " is not set");
        }
        return value;
    }

    private int integer(String name, int defaultValue, int min, int max) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value.strip());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalStateException(name + " must be a whole number from " + min + " to " + max + ", not '" + value + "'");
    }
}
