package dev.faasguard.agent.config;

import java.util.ArrayList;
import dev.faasguard.agent.rule.RuleCatalog;
import dev.faasguard.agent.rule.Severity;
import java.util.List;

/** Every option the agent reads. docs/configuration.md documents each one; keep the two in step. */
public final class Options {

    /** The value of {@link #REPORT}, {@link #REPORT_HTML} and {@link #FAIL_ON} that turns them off. */
    public static final String OFF = "off";

    public static final Option<Mode> MODE = new Option<>("mode", Mode.OBSERVE, "observe or enforce") {
        @Override
        Mode parse(String raw) {
            return Mode.parse(raw);
        }
    };

    public static final Option<String> REPORT =
            new Option<>("report", "/tmp/faasguard/report.json", "an absolute file path, or off") {
                @Override
                String parse(String raw) {
                    return reportPath(raw);
                }
            };

    public static final Option<String> REPORT_HTML = new Option<>("report.html", OFF, "an absolute file path, or off") {
        @Override
        String parse(String raw) {
            return reportPath(raw);
        }
    };

    public static final Option<List<String>> WRITABLE_ROOTS = new Option<>("writableRoots", List.of("/tmp"),
            "a comma-separated list of absolute directories, e.g. /tmp,/mnt/efs") {
        @Override
        List<String> parse(String raw) {
            return absoluteDirectories(raw);
        }
    };

    public static final Option<List<String>> IGNORE = new Option<>("ignore", List.of(),
            "a comma-separated list of rule@class, rule@class#method or rule@package. (rule may be *), "
                    + "with rules among ") {
        @Override
        List<String> parse(String raw) {
            return ignorePatterns(raw);
        }

        /** The rules named only when a bad value is reported: premain reads the options before the rules load. */
        @Override
        String allowed() {
            return super.allowed() + String.join(", ", RuleCatalog.ids());
        }
    };

    public static final Option<Long> DEADLINE_MARGIN = new Option<>("deadline.margin", 300L,
            "a duration such as 300ms, 1s or 250 (milliseconds), at least 0") {
        @Override
        Long parse(String raw) {
            return milliseconds(raw);
        }
    };

    public static final Option<Long> TMP_CAPACITY = new Option<>("tmp.capacity", 512L * 1024 * 1024,
            "a size such as 512m, 10g or 1048576 (bytes), above 0") {
        @Override
        Long parse(String raw) {
            return bytes(raw);
        }
    };

    public static final Option<String> HANDLER = new Option<>("handler", null,
            "a class and method, com.example.Fn::handleRequest") {
        @Override
        String parse(String raw) {
            String value = raw.trim();
            int separator = value.indexOf("::");
            if (separator <= 0 || separator + 2 >= value.length() || value.contains(" ")) {
                throw new IllegalArgumentException(raw);
            }
            return value;
        }
    };

    public static final Option<List<String>> APP_PACKAGES = new Option<>("app.packages", List.of(),
            "a comma-separated list of Java packages, e.g. com.example.orders,com.example.common") {
        @Override
        List<String> parse(String raw) {
            return javaPackages(raw);
        }
    };

    public static final Option<String> FAIL_ON = new Option<>("failOn", OFF, "error, warning or off") {
        @Override
        String parse(String raw) {
            String value = raw.trim().toLowerCase(java.util.Locale.ROOT);
            if (!value.equals(OFF) && Severity.byId(value).isEmpty()) {
                throw new IllegalArgumentException(raw);
            }
            return value;
        }
    };

    public static final Option<Long> FLUSH_TIMEOUT = new Option<>("flush.timeout", 2000L,
            "a duration such as 2s, 500ms or 2000 (milliseconds), at least 0") {
        @Override
        Long parse(String raw) {
            return milliseconds(raw);
        }
    };

    public static final Option<TraceContinuation> TRACE_CONTINUE = new Option<>("trace.continue",
            TraceContinuation.AUTO, "auto, always or never") {
        @Override
        TraceContinuation parse(String raw) {
            return TraceContinuation.parse(raw);
        }
    };

    /**
     * Whether {@code swallowed-exception} watches the application's catch blocks: off by default, since every
     * application class is then analysed as it loads (bench/RESULTS.md, step 12: swallowed-exception).
     */
    public static final Option<Boolean> SWALLOWED = new Option<>("swallowed", false, "on or off") {
        @Override
        Boolean parse(String raw) {
            String value = raw.trim().toLowerCase(java.util.Locale.ROOT);
            if (!value.equals("on") && !value.equals(OFF)) {
                throw new IllegalArgumentException(raw);
            }
            return value.equals("on");
        }
    };

    public static final List<Option<?>> ALL = List.of(MODE, REPORT, REPORT_HTML, WRITABLE_ROOTS, IGNORE,
            DEADLINE_MARGIN, TMP_CAPACITY, HANDLER, APP_PACKAGES, FLUSH_TIMEOUT, TRACE_CONTINUE, FAIL_ON, SWALLOWED);

    private Options() {}

    private static String reportPath(String raw) {
        String value = raw.trim();
        if (value.equalsIgnoreCase(OFF)) {
            return OFF;
        }
        if (!value.startsWith("/") || value.endsWith("/")) {
            throw new IllegalArgumentException(raw);
        }
        return value;
    }

    private static long bytes(String raw) {
        String value = raw.trim().toLowerCase(java.util.Locale.ROOT);
        long scale = 1;
        char unit = value.isEmpty() ? ' ' : value.charAt(value.length() - 1);
        if (unit == 'k' || unit == 'm' || unit == 'g') {
            scale = unit == 'k' ? 1024L : unit == 'm' ? 1024L * 1024 : 1024L * 1024 * 1024;
            value = value.substring(0, value.length() - 1);
        }
        try {
            long amount = Long.parseLong(value.trim());
            if (amount <= 0) {
                throw new IllegalArgumentException(raw);
            }
            return amount * scale;
        } catch (NumberFormatException notANumber) {
            throw new IllegalArgumentException(raw, notANumber);
        }
    }

    private static long milliseconds(String raw) {
        String value = raw.trim().toLowerCase(java.util.Locale.ROOT);
        long scale = 1;
        if (value.endsWith("ms")) {
            value = value.substring(0, value.length() - 2);
        } else if (value.endsWith("s")) {
            value = value.substring(0, value.length() - 1);
            scale = 1000;
        }
        try {
            long amount = Long.parseLong(value.trim());
            if (amount < 0) {
                throw new IllegalArgumentException(raw);
            }
            return amount * scale;
        } catch (NumberFormatException notANumber) {
            throw new IllegalArgumentException(raw, notANumber);
        }
    }

    private static List<String> ignorePatterns(String raw) {
        List<String> patterns = new ArrayList<>();
        for (String part : raw.split(",")) {
            String pattern = part.trim();
            if (pattern.isEmpty()) {
                continue;
            }
            int at = pattern.indexOf('@');
            String rule = at > 0 ? pattern.substring(0, at) : "";
            if (at == pattern.length() - 1 || !(rule.equals("*") || RuleCatalog.ids().contains(rule))) {
                throw new IllegalArgumentException(raw);
            }
            patterns.add(pattern);
        }
        return List.copyOf(patterns);
    }

    /** Package names ({@code com.example.orders}, a trailing dot allowed), at least one. */
    private static List<String> javaPackages(String raw) {
        List<String> packages = new ArrayList<>();
        for (String part : raw.split(",")) {
            String name = part.trim();
            if (name.isEmpty()) {
                continue;
            }
            String bare = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
            for (String segment : bare.split("\\.", -1)) {
                if (segment.isEmpty() || !Character.isJavaIdentifierStart(segment.codePointAt(0))
                        || !segment.codePoints().allMatch(Character::isJavaIdentifierPart)) {
                    throw new IllegalArgumentException(raw);
                }
            }
            packages.add(bare);
        }
        if (packages.isEmpty()) {
            throw new IllegalArgumentException(raw);
        }
        return List.copyOf(packages);
    }

    private static List<String> absoluteDirectories(String raw) {
        List<String> directories = new ArrayList<>();
        for (String part : raw.split(",")) {
            String directory = part.trim();
            if (directory.isEmpty()) {
                continue;
            }
            if (!directory.startsWith("/")) {
                throw new IllegalArgumentException(raw);
            }
            directories.add(directory);
        }
        if (directories.isEmpty()) {
            throw new IllegalArgumentException(raw);
        }
        return List.copyOf(directories);
    }
}
