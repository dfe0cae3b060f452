package dev.faasguard.lambdasim;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsing and printing of the durations and sizes the command line and the builder accept. */
public final class Units {
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|min)?");
    private static final Pattern SIZE = Pattern.compile("(\\d+)([kmgKMG])?");

    private Units() {
    }

    /** {@code 3s}, {@code 3}, {@code 1.5s}, {@code 500ms}, {@code 2m}; a bare number is seconds, like Lambda's setting. */
    public static Duration parseDuration(String text) {
        Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("not a duration: '" + text + "' (use 3s, 500ms, 2m)");
        }
        double value = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        double millis = switch (unit) {
            case "ms" -> value;
            case "s" -> value * 1000;
            default -> value * 60_000;
        };
        if (millis <= 0) {
            throw new IllegalArgumentException("duration must be positive: '" + text + "'");
        }
        return Duration.ofMillis(Math.round(millis));
    }

    /** Checks a tmpfs size such as {@code 512m}, {@code 64M}, {@code 1g} or a number of bytes; returns it lower-cased. */
    public static String checkSize(String text) {
        String t = text.trim();
        Matcher m = SIZE.matcher(t);
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            throw new IllegalArgumentException("not a size: '" + text + "' (use 512m, 64m, 1g)");
        }
        return t.toLowerCase(Locale.ROOT);
    }

    /** Bytes in a size accepted by {@link #checkSize}. */
    public static long sizeBytes(String size) {
        Matcher m = SIZE.matcher(checkSize(size));
        if (!m.matches()) {
            throw new IllegalStateException(size);
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "" : m.group(2).toLowerCase(Locale.ROOT);
        return switch (unit) {
            case "k" -> n << 10;
            case "m" -> n << 20;
            case "g" -> n << 30;
            default -> n;
        };
    }

    /** Lambda's way to write a timeout: {@code 3.00} (seconds, two decimals). */
    static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.2f", d.toMillis() / 1000.0);
    }
}
