package io.callscheduler.store;

import io.callscheduler.model.CallStatus;

import java.text.Normalizer;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Which calls a list shows: those in any of {@code statuses} (all calls when empty) whose contact name or
 * phone number contains {@code search} (no search when null).
 *
 * @param search already normalised: {@link #fold folded} for a name, {@code +} and digits for a number
 */
public record CallFilter(Set<CallStatus> statuses, String search) {
    public CallFilter {
        statuses = statuses.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(statuses));
    }

    public static CallFilter all() {
        return new CallFilter(Set.of(), null);
    }

    public static CallFilter of(CallStatus status) {
        return new CallFilter(Set.of(status), null);
    }

    /** Pending calls only: listed soonest first; every other filter lists the latest first. */
    public boolean soonestFirst() {
        return statuses.equals(Set.of(CallStatus.SCHEDULED));
    }

    /** A stable description, so a page token is only accepted for the filter that issued it. */
    public String signature() {
        return statuses.stream().sorted().map(Enum::name).collect(Collectors.joining(",")) + "|" + (search == null ? "" : search);
    }

    /** The text a call is searched by: its contact name {@link #fold folded} and its number. */
    public static String searchableText(String contactName, String phoneNumber) {
        return (contactName == null ? "" : fold(contactName)) + "\n" + phoneNumber;
    }

    /**
     * Text as search compares it, so that "muller" finds "Müller" and "MULLER": decomposed (NFD) with the combining
     * marks dropped, the few Latin letters that do not decompose spelled plainly, then lower case. Applied both to
     * what is stored and to {@code q}.
     */
    public static String fold(String text) {
        String decomposed = COMBINING_MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("");
        StringBuilder folded = new StringBuilder(decomposed.length());
        decomposed.toLowerCase(Locale.ROOT).codePoints().forEach(c -> folded.append(PLAIN_LETTERS.getOrDefault(c,
                Character.toString(c))));
        return folded.toString();
    }

    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");
    /** Lower-case letters without a decomposition, and how a person without them on the keyboard types them. */
    private static final Map<Integer, String> PLAIN_LETTERS = Map.of((int) 'ß', "ss", (int) 'ø', "o", (int) 'ł', "l",
            (int) 'đ', "d", (int) 'æ', "ae", (int) 'œ', "oe", (int) 'þ', "th", (int) 'ı', "i");
}
