package dev.faasguard.agent.support;

/**
 * Data made safe for one log line: control characters become visible escapes, so a path, URL, thread name or
 * exception message can neither start a line that looks like the agent's own, nor reach the terminal as an escape
 * sequence, nor split one record in two. {@code \n}, {@code \r} and {@code \t} are written as such; the other C0 and
 * C1 controls, DEL, the Unicode line and paragraph separators, the bidirectional overrides and lone surrogates
 * (what is left of a file name that was not valid UTF-8 once decoded) as {@code \}{@code uXXXX}.
 */
public final class LogText {

    private LogText() {}

    public static String escape(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder escaped = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean unsafe = isUnsafe(text, i, c);
            if (unsafe && escaped == null) {
                escaped = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (escaped == null) {
                continue;
            }
            if (!unsafe) {
                escaped.append(c);
            } else if (c == '\n') {
                escaped.append("\\n");
            } else if (c == '\r') {
                escaped.append("\\r");
            } else if (c == '\t') {
                escaped.append("\\t");
            } else {
                escaped.append(String.format("\\u%04x", (int) c));
            }
        }
        return escaped == null ? text : escaped.toString();
    }

    private static boolean isUnsafe(String text, int i, char c) {
        if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029') {
            return true;
        }
        if (c == '\u200e' || c == '\u200f' || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069')) {
            return true; // Bidirectional controls: they make a line read differently from what it holds.
        }
        return Utf16.isLoneSurrogate(text, i);
    }
}
