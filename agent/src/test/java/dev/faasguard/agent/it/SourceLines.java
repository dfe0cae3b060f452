package dev.faasguard.agent.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds lines in a test app's source by their {@code // @line name} marker, so tests hard-code no numbers. */
final class SourceLines {

    private static final Pattern MARKER = Pattern.compile("//\\s*@line\\s+(\\S+)");

    private final Map<String, Integer> lines = new HashMap<>();

    SourceLines(Class<?> type) throws IOException {
        Path source = Path.of("src/test/java", type.getName().replace('.', '/') + ".java");
        List<String> text = Files.readAllLines(source);
        for (int i = 0; i < text.size(); i++) {
            Matcher marker = MARKER.matcher(text.get(i));
            if (marker.find()) {
                lines.put(marker.group(1), i + 1);
            }
        }
    }

    int of(String name) {
        Integer line = lines.get(name);
        if (line == null) {
            throw new IllegalArgumentException("no // @line " + name + " marker");
        }
        return line;
    }
}
