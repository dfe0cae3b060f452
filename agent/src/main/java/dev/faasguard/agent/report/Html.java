package dev.faasguard.agent.report;

import dev.faasguard.agent.support.Utf16;

/** Text made safe for HTML and SVG, in element content and in quoted attribute values alike. */
final class Html {

    private Html() {}

    static String escape(Object value) {
        String text = String.valueOf(value);
        StringBuilder escaped = null;
        for (int i = 0; i < text.length(); i++) {
            String replacement = switch (text.charAt(i)) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> unprintable(text, i);
            };
            if (replacement != null && escaped == null) {
                escaped = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (escaped != null) {
                if (replacement != null) {
                    escaped.append(replacement);
                } else {
                    escaped.append(text.charAt(i));
                }
            }
        }
        return escaped == null ? text : escaped.toString();
    }

    /**
     * A control character (HTML allows none but whitespace) as a visible escape, a lone surrogate (no UTF-8 holds
     * it) as U+FFFD; null for any other character.
     */
    private static String unprintable(String text, int i) {
        char c = text.charAt(i);
        if ((c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7f && c <= 0x9f)) {
            return String.format("\\u%04x", (int) c);
        }
        return Utf16.isLoneSurrogate(text, i) ? "\ufffd" : null;
    }
}
