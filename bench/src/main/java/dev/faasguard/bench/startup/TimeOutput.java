package dev.faasguard.bench.startup;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What GNU time printed for one child process with {@code -f '%e %M %U %S'}: elapsed seconds, maximum resident set
 * size in KiB, and the CPU seconds it used (user plus system), which a busy machine changes far less than the wall
 * time. GNU time may put other lines before it (e.g. "Command exited with non-zero status 1"), so the last line of the
 * expected shape wins.
 */
public record TimeOutput(double elapsedSeconds, long maxRssKib, double cpuSeconds) {

    /** The format to hand GNU time. */
    public static final String FORMAT = "%e %M %U %S";

    private static final String SECONDS = "(\\d+(?:\\.\\d+)?)";
    private static final Pattern LINE = Pattern.compile(
            "^\\s*" + SECONDS + "\\s+(\\d+)\\s+" + SECONDS + "\\s+" + SECONDS + "\\s*$");

    public static Optional<TimeOutput> parse(List<String> lines) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            Matcher m = LINE.matcher(lines.get(i));
            if (m.matches()) {
                return Optional.of(new TimeOutput(Double.parseDouble(m.group(1)), Long.parseLong(m.group(2)),
                        Double.parseDouble(m.group(3)) + Double.parseDouble(m.group(4))));
            }
        }
        return Optional.empty();
    }

    public static Optional<TimeOutput> parse(String text) {
        return parse(text.lines().toList());
    }

    public double maxRssMib() {
        return maxRssKib / 1024.0;
    }
}
