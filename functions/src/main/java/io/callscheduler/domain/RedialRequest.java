package io.callscheduler.domain;

import io.callscheduler.model.CallStatus;
import io.callscheduler.redial.RedialLimits;
import io.callscheduler.redial.RedialPolicy;

import java.time.Duration;
import java.util.Set;

/**
 * A call's own redial policy as the user sent it, not yet validated; a member left out takes the
 * deployment's value.
 *
 * @param on           comma-separated outcomes (BUSY, NO_ANSWER, FAILED), empty for no redial, or null
 * @param maxAttempts  dial attempts in all, or null
 * @param afterMinutes the wait between attempts, in minutes (fractions allowed), or null
 */
public record RedialRequest(String on, String maxAttempts, String afterMinutes) {

    /**
     * @param limits what the deployment lets a call ask for (RedialAfterMinutesFloor, RedialAttemptsCeiling)
     * @throws ValidationException naming {@code redial.<member>}
     */
    public RedialPolicy resolve(RedialPolicy deployment, RedialLimits limits) {
        Set<CallStatus> outcomes;
        try {
            outcomes = on == null ? deployment.on() : RedialPolicy.parseOutcomes(on);
        } catch (IllegalArgumentException e) {
            throw new ValidationException("redial.on", "INVALID_REDIAL", "redial.on: " + e.getMessage());
        }
        int attempts;
        try {
            attempts = maxAttempts == null ? deployment.maxAttempts() : Integer.parseInt(maxAttempts.strip());
        } catch (NumberFormatException e) {
            throw new ValidationException("redial.maxAttempts", "INVALID_REDIAL", "redial.maxAttempts must be a whole number from 1 to 10");
        }
        Duration after;
        try {
            after = afterMinutes == null ? deployment.after() : RedialPolicy.minutes(Double.parseDouble(afterMinutes.strip()));
        } catch (NumberFormatException e) {
            throw new ValidationException("redial.afterMinutes", "INVALID_REDIAL", "redial.afterMinutes must be a number of minutes");
        }
        RedialPolicy policy;
        try {
            policy = new RedialPolicy(outcomes, attempts, after);
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
        String breach = limits.breach(policy);
        if (breach != null) {
            throw invalid(breach);
        }
        return policy;
    }

    /** A problem with a member, named by the message's first word. */
    private static ValidationException invalid(String problem) {
        String field = problem.startsWith("maxAttempts") ? "redial.maxAttempts"
                : problem.startsWith("afterMinutes") ? "redial.afterMinutes" : "redial.on";
        return new ValidationException(field, "INVALID_REDIAL", field + ": " + problem);
    }
}
