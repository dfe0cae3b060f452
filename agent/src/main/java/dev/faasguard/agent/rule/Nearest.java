package dev.faasguard.agent.rule;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The names nearest one that was asked for, by edit distance: what the user probably meant. */
final class Nearest {

    private Nearest() {}

    /**
     * @return at most {@code most} of {@code candidates}, nearest first: by the edit distance of their simple names
     *     (one more for a class in another package), within a quarter of the name's length (at least 2); a name the
     *     asked one begins, or that begins it, counts as 1 away
     */
    static List<String> of(String asked, List<String> candidates, int most) {
        String askedSimple = simple(asked);
        int limit = Math.max(2, askedSimple.length() / 4);
        record Scored(String name, int distance) {}
        List<Scored> near = new ArrayList<>();
        for (String candidate : candidates) {
            String simple = simple(candidate);
            int distance = simple.startsWith(askedSimple) || askedSimple.startsWith(simple) ? 1
                    : distance(askedSimple, simple);
            distance += packageOf(asked).equals(packageOf(candidate)) ? 0 : 1;
            if (distance <= limit && !candidate.equals(asked)) {
                near.add(new Scored(candidate, distance));
            }
        }
        near.sort(Comparator.comparingInt(Scored::distance).thenComparing(Scored::name));
        List<String> nearest = new ArrayList<>();
        for (int i = 0; i < near.size() && nearest.size() < most; i++) {
            if (!nearest.contains(near.get(i).name())) {
                nearest.add(near.get(i).name());
            }
        }
        return nearest;
    }

    private static String packageOf(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(0, dot);
    }

    private static String simple(String name) {
        return name.substring(name.lastIndexOf('.') + 1);
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
