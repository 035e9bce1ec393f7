package io.callscheduler.domain.campaigns;

import io.callscheduler.campaigns.messages.MessageTemplate;
import io.callscheduler.callinghours.CallingWindow;
import io.callscheduler.domain.CallRules;
import io.callscheduler.domain.CallScripts;
import io.callscheduler.domain.NewCallRequest;
import io.callscheduler.domain.ValidationException;
import io.callscheduler.model.CallScript;
import io.callscheduler.optout.OptOutDigits;
import io.callscheduler.redial.RedialLimits;
import io.callscheduler.redial.RedialPolicy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * What a campaign may ask for: its shares never exceed the deployment's limits (its window inside the deployment's,
 * its rate and lines at most the deployment's), and each refusal names its field.
 *
 * @param window       the deployment's calling window (CallingHours, CallingDays)
 * @param rate         the deployment's MaxCallsPerSecond, 0 for none
 * @param lines        the deployment's MaxConcurrentCalls, 0 for none
 * @param redial       the deployment's redial policy (a campaign's own {@code redial} overrides it member by member)
 * @param redialLimits what a campaign's own redial may ask for at most
 * @param scripts      caller IDs and TwiML hosts the deployment allows
 */
public record CampaignRules(CallingWindow window, double rate, int lines, RedialPolicy redial, RedialLimits redialLimits,
                            CallScripts.ScriptRules scripts) {
    public static final int MAX_NAME = 200;
    /** A campaign's pace when the deployment has no MaxCallsPerSecond and the campaign names none. */
    static final double DEFAULT_RATE = 1;
    /** The fastest pace a campaign may ask for when the deployment sets none. */
    /** A campaign's fastest pace: its runner draws at most CampaignRunner.MAX_DRAW contacts a run, a horizon's worth at 10 a second. */
    static final double MAX_RATE = 10;
    static final String INVALID_VALUE = "INVALID_VALUE";
    static final String INVALID_CALLING_WINDOW = "INVALID_CALLING_WINDOW";
    static final String OVER_DEPLOYMENT_LIMIT = "OVER_DEPLOYMENT_LIMIT";

    public CampaignRules {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(redial, "redial");
        Objects.requireNonNull(redialLimits, "redialLimits");
        Objects.requireNonNull(scripts, "scripts");
    }

    /** The campaign's fields, each read and checked; what a request leaves out takes the deployment's default. */
    record Checked(String name, CallScript script, String callingHours, String callingDays, double rate, int lines,
                   RedialPolicy redial, Instant startAt, Instant endAt) {
    }

    Checked check(NewCampaignRequest request, RedialPolicy keptRedial, Instant now) {
        String name = request.name() == null || request.name().isBlank() ? null : request.name().strip();
        if (name == null) {
            throw new ValidationException("name", "MISSING_FIELD", "name is required: what the campaign is called");
        }
        name = CallRules.optionalText("name", name, MAX_NAME);
        CallScript script = CallScripts.validate(new NewCallRequest(null, null, null, null, null, request.callerId(),
                request.message(), request.voice(), request.language(), request.twimlUrl(), null, null), scripts);
        script = script.withOptOutDigit(OptOutDigits.read("optOutDigit", request.optOutDigit()));
        if (script.message() != null) {
            MessageTemplate.parse(script.message()); // {{fields}} well formed: the upload checks they are the file's columns
        }
        String hours = blankToEmpty(request.callingHours());
        String days = blankToEmpty(request.callingDays());
        checkWindow(hours, days);
        double rate = rate(request.maxCallsPerSecond());
        int campaignLines = lines(request.maxConcurrentCalls());
        RedialPolicy policy = request.redial() == null ? keptRedial : request.redial().resolve(redial, redialLimits);
        Instant startAt = instant("startAt", request.startAt());
        Instant endAt = instant("endAt", request.endAt());
        if (endAt != null && !endAt.isAfter(startAt != null && startAt.isAfter(now) ? startAt : now)) {
            throw new ValidationException("endAt", INVALID_VALUE, "endAt must be later than now and than startAt");
        }
        return new Checked(name, script, hours, days, rate, campaignLines, policy, startAt, endAt);
    }

    private void checkWindow(String hours, String days) {
        CallingWindow own;
        try {
            own = CallingWindow.parse(hours, days);
        } catch (IllegalArgumentException e) {
            String field = e.getMessage().startsWith("calling days") || e.getMessage().contains("day of the week")
                    ? "callingDays" : "callingHours";
            throw new ValidationException(field, INVALID_CALLING_WINDOW, field + ": " + e.getMessage());
        }
        // A member left empty is the deployment's; one given must lie inside the deployment's.
        boolean hoursInside = hours.isEmpty() || own.hoursWithin(window);
        if (!hoursInside || !(days.isEmpty() || own.daysWithin(window))) {
            String field = hoursInside ? "callingDays" : "callingHours";
            throw new ValidationException(field, OVER_DEPLOYMENT_LIMIT, "the campaign's calling window ("
                    + own.describe() + ") must lie within the deployment's (" + window.describe()
                    + "; CallingHours, CallingDays): a campaign narrows the window, never widens it");
        }
    }

    private double rate(String text) {
        if (text == null || text.isBlank()) {
            return rate > 0 ? Math.min(rate, MAX_RATE) : DEFAULT_RATE;
        }
        double value;
        try {
            value = Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            value = Double.NaN;
        }
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new ValidationException("maxCallsPerSecond", INVALID_VALUE, "maxCallsPerSecond must be a number of "
                    + "calls a second above 0, such as 1 or 0.5");
        }
        if (rate > 0 && value > rate) {
            throw new ValidationException("maxCallsPerSecond", OVER_DEPLOYMENT_LIMIT, "maxCallsPerSecond " + text.strip()
                    + " is more than the deployment's MaxCallsPerSecond, " + rate
                    + ": a campaign has a share of the deployment's rate, never more");
        }
        if (value > MAX_RATE) {
            throw new ValidationException("maxCallsPerSecond", OVER_DEPLOYMENT_LIMIT, "maxCallsPerSecond " + text.strip()
                    + " is more than a campaign may ask for, " + MAX_RATE + " calls a second (its runner draws a minute's"
                    + " contacts each minute, at most 700)");
        }
        return value;
    }

    private int lines(String text) {
        if (text == null || text.isBlank()) {
            return 0;
        }
        int value;
        try {
            value = Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            value = -1;
        }
        if (value < 0) {
            throw new ValidationException("maxConcurrentCalls", INVALID_VALUE,
                    "maxConcurrentCalls must be a whole number, 0 for no limit of the campaign's own");
        }
        if (lines > 0 && value > lines) {
            throw new ValidationException("maxConcurrentCalls", OVER_DEPLOYMENT_LIMIT, "maxConcurrentCalls " + value
                    + " is more than the deployment's MaxConcurrentCalls, " + lines + ": a campaign has a share of its lines");
        }
        return value;
    }

    private static Instant instant(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw new ValidationException(field, "INVALID_DATE_TIME", field
                    + " must be an ISO-8601 date and time with its offset, such as 2030-01-15T09:00:00+01:00");
        }
    }

    private static String blankToEmpty(String text) {
        return text == null ? "" : text.strip();
    }
}
