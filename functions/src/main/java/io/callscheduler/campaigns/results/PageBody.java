package io.callscheduler.campaigns.results;

import java.io.Writer;

/**
 * One page of a download, held as text until the response is sent, with what it will cost in the response: Lambda
 * answers API Gateway with the body inside a JSON document, where {@code "} and {@code \} take two bytes, control
 * characters up to six, and a non-ASCII character at most six ({@code \\uXXXX}). A row that would take the page past
 * its budget is taken back ({@link #mark}, {@link #reset}) and starts the next page instead.
 */
public final class PageBody extends Writer {
    /**
     * Lambda's limit for a synchronous response is 6 MB (6,291,456 bytes) including the JSON around the body and its
     * headers; a page stays a megabyte under it.
     */
    public static final long LAMBDA_RESPONSE_BUDGET = 5_000_000;

    private final StringBuilder text = new StringBuilder();
    private final long budget;
    private long cost;

    public PageBody(long budget) {
        this.budget = budget;
    }

    @Override
    public void write(char[] chars, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            cost += cost(chars[i]);
        }
        text.append(chars, offset, length);
    }

    @Override
    public void write(String string, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            cost += cost(string.charAt(i));
        }
        text.append(string, offset, offset + length);
    }

    /** Where the text ends now, to {@link #reset} to. */
    public Mark mark() {
        return new Mark(text.length(), cost);
    }

    /** Drops what was written since {@code mark}. */
    public void reset(Mark mark) {
        text.setLength(mark.length);
        cost = mark.cost;
    }

    public boolean overBudget() {
        return cost > budget;
    }

    /** What the body costs in the response's JSON, in bytes (see the class comment). */
    public long cost() {
        return cost;
    }

    public String text() {
        return text.toString();
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }

    private static int cost(char c) {
        if (c == '"' || c == '\\') {
            return 2;
        }
        if (c < 0x20) {
            return c == '\n' || c == '\r' || c == '\t' || c == '\b' || c == '\f' ? 2 : 6;
        }
        return c < 0x80 ? 1 : 6;
    }

    /** A place in the body. */
    public record Mark(int length, long cost) {
    }
}
