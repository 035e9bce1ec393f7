package io.callscheduler.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The simulator's knobs. Shares and rates are fractions from 0 to 1; times are milliseconds.
 *
 * @param latencyMs        added to every answer
 * @param serverErrorRate  share of POST /calls answered 503
 * @param throttleRate     share of POST /calls answered 429 with Retry-After: 1
 * @param timeoutRate      share of POST /calls that hang longer than any sane client timeout (30 s)
 * @param dropRate         share of POST /calls whose connection is closed without an answer
 * @param lateAnswerRate   share of POST /calls that place the call, then answer only after {@code lateAnswerMs}
 *                         (past the client's timeout: the call rings, the client never hears of it)
 * @param lateAnswerMs     how late such an answer comes
 * @param busyShare        share of placed calls that end busy
 * @param noAnswerShare    share that end no-answer
 * @param failedShare      share that end failed
 * @param ringAfterMs      queued → ringing
 * @param answerAfterMs    ringing → in-progress (or the final status for busy/no-answer/failed)
 * @param talkMs           in-progress → completed
 * @param callbackLossRate share of status callbacks (Twilio's and the generic contract's) never sent, as when
 *                         the provider cannot reach the webhook
 * @param maxCallsPerSecond dial requests accepted in any one second, the rest answered 429 (Vonage and
 *                         Bandwidth do so); 0 for no limit
 * @param pressDigit       the key a callee presses halfway through an answered Twilio call whose TwiML has a
 *                         {@code <Gather action>} (0-9, * or #), or null for none
 * @param pressDigitShare  share of such calls in which it is pressed
 */
public record SimulatorSettings(long latencyMs, double serverErrorRate, double throttleRate, double timeoutRate,
                                double dropRate, double lateAnswerRate, long lateAnswerMs, double busyShare, double noAnswerShare, double failedShare,
                                long ringAfterMs, long answerAfterMs, long talkMs, double callbackLossRate,
                                long maxCallsPerSecond, String pressDigit, double pressDigitShare) {

    /** Every call is answered and lasts a few seconds; no faults; no key pressed. */
    public static final SimulatorSettings DEFAULTS = new SimulatorSettings(0, 0, 0, 0, 0, 0, 30_000, 0, 0, 0, 1000, 3000, 5000, 0, 0,
            null, 0);

    /** The knobs of earlier versions, without callback loss. */
    public SimulatorSettings(long latencyMs, double serverErrorRate, double throttleRate, double timeoutRate,
                             double dropRate, double lateAnswerRate, long lateAnswerMs, double busyShare,
                             double noAnswerShare, double failedShare, long ringAfterMs, long answerAfterMs, long talkMs) {
        this(latencyMs, serverErrorRate, throttleRate, timeoutRate, dropRate, lateAnswerRate, lateAnswerMs, busyShare,
                noAnswerShare, failedShare, ringAfterMs, answerAfterMs, talkMs, 0, 0, null, 0);
    }

    public SimulatorSettings {
        for (double share : new double[]{serverErrorRate, throttleRate, timeoutRate, dropRate, lateAnswerRate, busyShare,
                noAnswerShare, failedShare, callbackLossRate, pressDigitShare}) {
            if (share < 0 || share > 1) {
                throw new IllegalArgumentException("rates and shares must be between 0 and 1");
            }
        }
        if (busyShare + noAnswerShare + failedShare > 1) {
            throw new IllegalArgumentException("busyShare + noAnswerShare + failedShare must not exceed 1");
        }
        if (serverErrorRate + throttleRate + timeoutRate + dropRate + lateAnswerRate > 1) {
            throw new IllegalArgumentException("the fault rates must not add up to more than 1");
        }
        if (pressDigit != null && !pressDigit.matches("[0-9*#]")) {
            throw new IllegalArgumentException("pressDigit must be one key: 0-9, * or #, or null for none");
        }
        if (latencyMs < 0 || lateAnswerMs < 0 || ringAfterMs < 0 || answerAfterMs < 0 || talkMs < 0 || maxCallsPerSecond < 0) {
            throw new IllegalArgumentException("times must not be negative");
        }
    }

    /** These settings with the fields present in {@code changes} replaced. */
    public SimulatorSettings with(JsonNode changes) {
        return new SimulatorSettings(
                changes.path("latencyMs").asLong(latencyMs),
                changes.path("serverErrorRate").asDouble(serverErrorRate),
                changes.path("throttleRate").asDouble(throttleRate),
                changes.path("timeoutRate").asDouble(timeoutRate),
                changes.path("dropRate").asDouble(dropRate),
                changes.path("lateAnswerRate").asDouble(lateAnswerRate),
                changes.path("lateAnswerMs").asLong(lateAnswerMs),
                changes.path("busyShare").asDouble(busyShare),
                changes.path("noAnswerShare").asDouble(noAnswerShare),
                changes.path("failedShare").asDouble(failedShare),
                changes.path("ringAfterMs").asLong(ringAfterMs),
                changes.path("answerAfterMs").asLong(answerAfterMs),
                changes.path("talkMs").asLong(talkMs),
                changes.path("callbackLossRate").asDouble(callbackLossRate),
                changes.path("maxCallsPerSecond").asLong(maxCallsPerSecond),
                changes.has("pressDigit") ? changes.get("pressDigit").isNull() ? null : changes.get("pressDigit").asText() : pressDigit,
                changes.path("pressDigitShare").asDouble(pressDigitShare));
    }

    public ObjectNode toJson() {
        return CallApiSimulator.JSON.valueToTree(this);
    }
}
