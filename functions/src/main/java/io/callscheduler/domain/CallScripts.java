package io.callscheduler.domain;

import io.callscheduler.model.CallScript;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The rules of what a call says and from which number: a caller ID from the deployment's allowed list, a
 * message of at most {@value #MAX_MESSAGE} characters in a voice and language from {@link #VOICES} and
 * {@link #LANGUAGES}, or an https TwiML URL instead of a message. Every violation names its field.
 */
public final class CallScripts {
    public static final int MAX_MESSAGE = 1000;
    /** Twilio's basic voices and a few Amazon Polly ones it offers; the README lists them. */
    public static final List<String> VOICES = List.of("man", "woman", "alice", "Polly.Joanna", "Polly.Matthew",
            "Polly.Amy", "Polly.Brian", "Polly.Celine", "Polly.Mathieu", "Polly.Marlene", "Polly.Hans",
            "Polly.Conchita", "Polly.Enrique", "Polly.Carla", "Polly.Giorgio", "Polly.Camila", "Polly.Ricardo");
    public static final List<String> LANGUAGES = List.of("en-US", "en-GB", "en-AU", "en-IN", "fr-FR", "fr-CA",
            "de-DE", "es-ES", "es-MX", "it-IT", "pt-BR", "pt-PT", "nl-NL", "ja-JP");
    private static final int MAX_URL = 2000;

    /**
     * What the deployment lets a call say and show.
     *
     * @param defaultCallerId used when a call names none (Twilio: TwilioFromNumber); null for none
     * @param allowed         the caller IDs a call may name; empty allows only the default
     * @param twimlHosts      the hosts a {@code twimlUrl} may name (AllowedTwimlHosts); empty turns twimlUrl off, as
     *                        the TwiML it serves can dial any number past the destination guard
     */
    public record ScriptRules(String defaultCallerId, Set<String> allowed, Set<String> twimlHosts) {
        public static final ScriptRules NONE = new ScriptRules(null, Set.of(), Set.of());

        public ScriptRules {
            allowed = Set.copyOf(allowed);
            twimlHosts = twimlHosts.stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).collect(java.util.stream.Collectors.toUnmodifiableSet());
        }

        /** The caller IDs alone, no TwiML host. */
        public ScriptRules(String defaultCallerId, Set<String> allowed) {
            this(defaultCallerId, allowed, Set.of());
        }

        boolean permits(String callerId) {
            return allowed.isEmpty() ? callerId.equals(defaultCallerId) : allowed.contains(callerId);
        }
    }

    private CallScripts() {
    }

    /** @throws ValidationException naming the field at fault */
    public static CallScript validate(NewCallRequest request, ScriptRules callerIds) {
        String callerId = callerId(request.callerId(), callerIds);
        String message = CallRules.optionalText("message", request.message(), MAX_MESSAGE);
        String voice = oneOf("voice", request.voice(), VOICES);
        String language = oneOf("language", request.language(), LANGUAGES);
        String twimlUrl = twimlUrl(request.twimlUrl());
        if (twimlUrl != null && (message != null || voice != null || language != null)) {
            throw new ValidationException("twimlUrl", "CONFLICTING_FIELDS",
                    "twimlUrl replaces message, voice and language; give one or the other");
        }
        if (twimlUrl != null) {
            requireTrustedHost(URI.create(twimlUrl).getHost(), callerIds.twimlHosts());
        }
        return new CallScript(callerId, message, voice, language, twimlUrl);
    }

    private static String callerId(String value, ScriptRules callerIds) {
        if (value == null || value.isBlank()) {
            return callerIds.defaultCallerId();
        }
        CallRules.phoneNumber("callerId", value);
        if (!callerIds.permits(value)) {
            throw new ValidationException("callerId", "CALLER_ID_NOT_ALLOWED", "callerId " + value
                    + " is not one of this deployment's caller IDs (template parameter AllowedCallerIds)");
        }
        return value;
    }

    private static String oneOf(String field, String value, List<String> allowed) {
        if (value == null || value.isBlank()) {
            return null;
        }
        for (String candidate : allowed) {
            if (candidate.equalsIgnoreCase(value.strip())) {
                return candidate;
            }
        }
        throw new ValidationException(field, "UNSUPPORTED_" + field.toUpperCase(Locale.ROOT),
                field + " must be one of " + String.join(", ", allowed));
    }

    private static String twimlUrl(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String url = value.strip();
        try {
            URI uri = new URI(url);
            if (url.length() > MAX_URL || !"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null
                    || uri.getUserInfo() != null) {
                throw new URISyntaxException(url, "not an https URL with a host and no user info");
            }
        } catch (URISyntaxException e) {
            throw new ValidationException("twimlUrl", "INVALID_TWIML_URL",
                    "twimlUrl must be an https URL (at most " + MAX_URL + " characters) that serves TwiML");
        }
        return url;
    }

    private static void requireTrustedHost(String uriHost, Set<String> trustedHosts) {
        String host = uriHost.toLowerCase(Locale.ROOT);
        if (trustedHosts.isEmpty()) {
            throw new ValidationException("twimlUrl", "TWIML_HOST_NOT_ALLOWED", "twimlUrl is off in this deployment:"
                    + " TwiML from a URL can dial any number, past the destination guard; give a message instead, or"
                    + " list the hosts you trust in AllowedTwimlHosts");
        }
        // An IP literal or a local name is never trusted: the provider would fetch it from inside its own network.
        if (host.startsWith("[") || host.matches("[0-9.]+") || host.equals("localhost") || host.endsWith(".localhost")
                || !trustedHosts.contains(host)) {
            throw new ValidationException("twimlUrl", "TWIML_HOST_NOT_ALLOWED", "twimlUrl's host " + host
                    + " is not one this deployment trusts (AllowedTwimlHosts: " + String.join(", ",
                    new java.util.TreeSet<>(trustedHosts)) + ")");
        }
    }
}
