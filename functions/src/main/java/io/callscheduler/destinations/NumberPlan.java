package io.callscheduler.destinations;

/** The world's numbering plans, as a numbering library knows them: what a number is, or why it is none. */
public interface NumberPlan {
    /** @param e164 a number in E.164 form ("+", calling code, national number) */
    NumberReading read(String e164);
}
