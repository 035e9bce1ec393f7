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
     * The deployment's caller IDs.
     *
     * @param defaultCallerId used when a call names none (Twilio: TwilioFromNumber); null for none
     * @param allowed         the numbers a call may name; empty allows only the default
     */
    public record CallerIds(String defaultCallerId, Set<String> allowed) {
        public static final CallerIds NONE = new CallerIds(null, Set.of());

        public CallerIds {
            allowed = Set.copyOf(allowed);
        }

        boolean permits(String callerId) {
            return allowed.isEmpty() ? callerId.equals(defaultCallerId) : allowed.contains(callerId);
        }
    }

    private CallScripts() {
    }

    /** @throws ValidationException naming the field at fault */
    public static CallScript validate(NewCallRequest request, CallerIds callerIds) {
        String callerId = callerId(request.callerId(), callerIds);
        String message = CallRules.optionalText("message", request.message(), MAX_MESSAGE);
        String voice = oneOf("voice", request.voice(), VOICES);
        String language = oneOf("language", request.language(), LANGUAGES);
        String twimlUrl = twimlUrl(request.twimlUrl());
        if (twimlUrl != null && (message != null || voice != null || language != null)) {
            throw new ValidationException("twimlUrl", "CONFLICTING_FIELDS",
                    "twimlUrl replaces message, voice and language; give one or the other");
        }
        return new CallScript(callerId, message, voice, language, twimlUrl);
    }

    private static String callerId(String value, CallerIds callerIds) {
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
}
