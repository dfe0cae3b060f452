package dev.faasguard.agent.support;

/** What a Java string can hold that no UTF-8 text can. */
public final class Utf16 {

    private Utf16() {}

    /**
     * Whether the char at {@code i} is half of a surrogate pair without its other half: what a file name that was
     * not valid UTF-8 may leave once decoded, or a string cut in the middle of a pair.
     */
    public static boolean isLoneSurrogate(String text, int i) {
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1));
        }
        return Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(text.charAt(i - 1)));
    }
}
