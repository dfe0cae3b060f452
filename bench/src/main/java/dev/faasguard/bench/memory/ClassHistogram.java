package dev.faasguard.bench.memory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code jcmd <pid> GC.class_histogram}: bytes and instances of live objects by class, after the full GC it forces. */
record ClassHistogram(Map<String, long[]> byClass) {

    /** Parses lines such as {@code "   1:   12345   678900  java.lang.String (java.base@17)"}. */
    static ClassHistogram parse(String text) {
        Map<String, long[]> byClass = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length >= 4 && fields[0].endsWith(":") && fields[1].matches("\\d+") && fields[2].matches("\\d+")) {
                byClass.merge(fields[3], new long[] {Long.parseLong(fields[1]), Long.parseLong(fields[2])},
                        (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]});
            }
        }
        return new ClassHistogram(byClass);
    }

    long bytes(String className) {
        long[] entry = byClass.get(className);
        return entry == null ? 0 : entry[1];
    }

    long instances(String className) {
        long[] entry = byClass.get(className);
        return entry == null ? 0 : entry[0];
    }

    /** Bytes of every live object. */
    long totalBytes() {
        return bytesUnder("");
    }

    /** Bytes of the classes whose names start with {@code prefix}. */
    long bytesUnder(String prefix) {
        return byClass.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).mapToLong(e -> e.getValue()[1])
                .sum();
    }

    /** The classes with the most bytes more here than in {@code baseline}, most first. */
    List<String> grownMostSince(ClassHistogram baseline, int count) {
        List<String> names = new ArrayList<>(byClass.keySet());
        names.sort(Comparator.comparingLong((String name) -> bytes(name) - baseline.bytes(name)).reversed());
        return names.subList(0, Math.min(count, names.size()));
    }
}
