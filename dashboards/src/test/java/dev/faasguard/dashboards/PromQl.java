package dev.faasguard.dashboards;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Just enough PromQL reading for the lint: selectors, ranges, offsets and the labels of grouping clauses. */
final class PromQl {

    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'");
    private static final Pattern SELECTOR = Pattern.compile("\\b([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*\\{([^}]*)}");
    private static final Pattern MATCHER = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern RANGE = Pattern.compile("\\[([^]]*)]");
    private static final Pattern OFFSET = Pattern.compile("\\boffset\\s+(\\S+?)(?=[\\s)]|$)");
    private static final Pattern GROUPING = Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\(([^)]*)\\)");
    private static final Pattern LABEL_REPLACE = Pattern.compile(
            "label_replace\\s*\\(.*,\\s*\"(\\w+)\"\\s*,\\s*\"[^\"]*\"\\s*,\\s*\"(\\w+)\"\\s*,\\s*\"[^\"]*\"\\s*\\)\\s*$");

    private PromQl() {}

    /** A metric selector {@code name{matchers}}: label name to its matchers ({@code =~"$function"}). */
    record Selector(String metric, Map<String, List<String>> matchers) {
    }

    /** The expression with every string literal replaced by {@code ""}: brackets inside regexes are not ranges. */
    static String withoutStrings(String expr) {
        return STRING.matcher(expr).replaceAll("\"\"");
    }

    static List<Selector> selectors(String expr) {
        List<Selector> selectors = new ArrayList<>();
        Matcher s = SELECTOR.matcher(expr);
        while (s.find()) {
            Map<String, List<String>> matchers = new LinkedHashMap<>();
            Matcher m = MATCHER.matcher(s.group(2));
            while (m.find()) {
                matchers.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(m.group(2) + "\"" + m.group(3) + "\"");
            }
            selectors.add(new Selector(s.group(1), matchers));
        }
        return selectors;
    }

    /** What is between {@code [ ]}: range selectors and subqueries. */
    static List<String> ranges(String expr) {
        return all(RANGE, withoutStrings(expr), 1);
    }

    static List<String> offsets(String expr) {
        return all(OFFSET, withoutStrings(expr), 1);
    }

    /** Labels named in by, without, on, ignoring, group_left and group_right clauses. */
    static List<String> groupingLabels(String expr) {
        List<String> labels = new ArrayList<>();
        for (String list : all(GROUPING, withoutStrings(expr), 2)) {
            for (String label : list.split(",")) {
                if (!label.isBlank()) {
                    labels.add(label.strip());
                }
            }
        }
        return labels;
    }

    /** For {@code label_replace(v, "dst", "repl", "src", "regex")} at the outside of the expression: [dst, src]. */
    static List<String> labelReplace(String expr) {
        Matcher m = LABEL_REPLACE.matcher(expr.strip());
        return m.find() ? List.of(m.group(1), m.group(2)) : List.of();
    }

    private static List<String> all(Pattern p, String text, int group) {
        List<String> found = new ArrayList<>();
        Matcher m = p.matcher(text);
        while (m.find()) {
            found.add(m.group(group));
        }
        return found;
    }
}
