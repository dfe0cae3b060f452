package dev.faasguard.agent.finding;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Known, accepted call sites a user silenced with {@code faasguard.ignore}: {@code rule@class},
 * {@code rule@class#method}, {@code rule@package.} (a prefix ending with a dot); {@code *} stands for
 * any rule. What each entry silenced is counted for the report.
 */
public final class IgnoreList {

    public static final IgnoreList NONE = new IgnoreList(List.of());

    private final List<Entry> entries;

    private IgnoreList(List<Entry> entries) {
        this.entries = entries;
    }

    /** @throws IllegalArgumentException when an entry is not {@code rule@target} */
    public static IgnoreList parse(List<String> patterns) {
        List<Entry> entries = new ArrayList<>();
        for (String pattern : patterns) {
            int at = pattern.indexOf('@');
            if (at <= 0 || at == pattern.length() - 1) {
                throw new IllegalArgumentException(pattern);
            }
            entries.add(new Entry(pattern, pattern.substring(0, at), pattern.substring(at + 1)));
        }
        return new IgnoreList(List.copyOf(entries));
    }

    /** True, and counted, when the first matching entry silences this rule at this call site. */
    public boolean silences(String rule, CallSite site) {
        for (Entry entry : entries) {
            if (entry.matches(rule, site)) {
                entry.counts.computeIfAbsent(rule, r -> new LongAdder()).increment();
                return true;
            }
        }
        return false;
    }

    /** One row per entry and rule that silenced something: pattern, rule, count. */
    public List<Map<String, Object>> counts() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Entry entry : entries) {
            entry.counts.forEach((rule, count) -> {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("pattern", entry.pattern);
                row.put("rule", rule);
                row.put("count", count.sum());
                rows.add(row);
            });
        }
        return rows;
    }

    private static final class Entry {
        final String pattern;
        final String rule;
        final String target;
        final Map<String, LongAdder> counts = new java.util.concurrent.ConcurrentHashMap<>();

        Entry(String pattern, String rule, String target) {
            this.pattern = pattern;
            this.rule = rule;
            this.target = target;
        }

        boolean matches(String ruleId, CallSite site) {
            if (!rule.equals("*") && !rule.equals(ruleId)) {
                return false;
            }
            if (target.equals("*")) {
                return true;
            }
            if (target.endsWith(".")) {
                return site.className().startsWith(target);
            }
            int hash = target.indexOf('#');
            if (hash < 0) {
                return site.className().equals(target);
            }
            return site.className().equals(target.substring(0, hash)) && site.method().equals(target.substring(hash + 1));
        }
    }
}
