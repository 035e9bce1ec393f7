package io.callscheduler.entrypoints;

import java.nio.charset.StandardCharsets;

/**
 * {@code Content-Disposition} for a download named after something a user named (RFC 6266): a plain {@code filename}
 * that any client reads safely (printable ASCII, no quote, backslash, path separator or character a file system
 * refuses: each becomes {@code _}), and {@code filename*} with the name itself in UTF-8 (RFC 8187), which browsers
 * prefer. Control characters and path separators are dropped from both, so a name can neither break the header nor
 * name a folder.
 */
final class Downloads {
    private static final int MAX_NAME = 100;
    private static final String UNSAFE_IN_PLAIN = "\"\\/:*?<>|%;";

    private Downloads() {
    }

    /** The header for {@code name + suffix} ({@code suffix} plain ASCII, such as {@code " results.csv"}). */
    static String attachment(String name, String fallback, String suffix) {
        String cleaned = cleaned(name);
        if (cleaned.isEmpty()) {
            cleaned = fallback;
        }
        String full = cleaned + suffix;
        StringBuilder plain = new StringBuilder();
        full.codePoints().forEach(c -> plain.append(c >= 0x20 && c < 0x7f && UNSAFE_IN_PLAIN.indexOf(c) < 0 ? (char) c : '_'));
        return "attachment; filename=\"" + plain + "\"; filename*=UTF-8''" + encoded(full);
    }

    /** Without control characters and path separators, spaces collapsed, at most {@value #MAX_NAME} characters. */
    private static String cleaned(String name) {
        if (name == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        name.codePoints().forEach(c -> {
            if (Character.isISOControl(c) || c == '/' || c == '\\' || Character.getType(c) == Character.FORMAT) {
                out.append(' ');
            } else {
                out.appendCodePoint(c);
            }
        });
        String collapsed = out.toString().replaceAll("\\s+", " ").strip();
        return collapsed.codePointCount(0, collapsed.length()) <= MAX_NAME ? collapsed
                : collapsed.substring(0, collapsed.offsetByCodePoints(0, MAX_NAME)).strip();
    }

    /** RFC 8187's value-chars: attr-chars as they are, every other byte of the UTF-8 as %XX. */
    private static String encoded(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "!#$&+-.^_`|~".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
