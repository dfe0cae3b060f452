package dev.faasguard.bench.startup;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What GNU time printed for one child process with {@code -f '%e %M'}: elapsed seconds and maximum resident set size
 * in KiB. GNU time may put other lines before it (e.g. "Command exited with non-zero status 1"), so the last line of
 * the expected shape wins.
 */
public record TimeOutput(double elapsedSeconds, long maxRssKib) {

    private static final Pattern LINE = Pattern.compile("^\\s*(\\d+(?:\\.\\d+)?)\\s+(\\d+)\\s*$");

    public static Optional<TimeOutput> parse(List<String> lines) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            Matcher m = LINE.matcher(lines.get(i));
            if (m.matches()) {
                return Optional.of(new TimeOutput(Double.parseDouble(m.group(1)), Long.parseLong(m.group(2))));
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
