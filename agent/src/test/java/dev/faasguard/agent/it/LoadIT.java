package dev.faasguard.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.load.MixedLoad;
import com.example.writes.WriteApis;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * 64 threads doing every kind of call the agent watches for 30 s, on a 96 MiB heap: the program ends on its own (no
 * deadlock), no exception of the agent's reaches it, every finding's count is exactly what the threads did at that
 * line, each finding is logged once, and the heap in use at the end stays small.
 */
class LoadIT {

    private static final int THREADS = 64;
    private static final int SECONDS = 30;
    /** What the heap may hold after a GC at the end: the program's own few MiB and the agent's bounded state. */
    private static final long HEAP_BOUND_BYTES = 48L << 20;

    static Stream<Path> jdks() {
        return ChildJvm.jdks();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void sixtyFourThreadsForThirtySecondsCountedExactly(Path jdk) throws Exception {
        // Outside /tmp, which is the writable root; /var/tmp is writable here, so the writes succeed and are counted.
        Path outside = Files.createTempDirectory(Path.of("/var/tmp"), "faasguard-load-");
        SourceLines lines = new SourceLines(MixedLoad.class);
        ChildJvm.Result result;
        try {
            result = ChildJvm.on(jdk).option("-Xmx96m").run(MixedLoad.class.getName(), outside.toString(),
                    Integer.toString(THREADS), Integer.toString(SECONDS));
        } finally {
            WriteApis.deleteTree(outside);
        }
        String text = result.toString();
        assertEquals(0, result.exitCode(), "no exception reached the program, no deadlock\n" + text);
        assertTrue(result.stdout().endsWith("done\n"), text);

        Map<String, Long> did = new HashMap<>();
        long heap = -1;
        for (String line : result.stdout().lines().toList()) {
            int equals = line.indexOf('=');
            if (line.startsWith("heap=")) {
                heap = Long.parseLong(line.substring(5));
            } else if (equals > 0) {
                did.put(line.substring(0, equals), Long.parseLong(line.substring(equals + 1)));
            }
        }
        assertEquals(7, did.size(), "every kind of finding was made\n" + result.stdout());
        Map<Integer, Long> reported = new HashMap<>();
        for (JsonNode finding : result.findings()) {
            reported.merge(finding.at("/callSite/line").asInt(), finding.get("count").asLong(), Long::sum);
        }
        for (Map.Entry<String, Long> made : did.entrySet()) {
            assertEquals(made.getValue(), reported.get(lines.of(made.getKey())),
                    made.getKey() + ": the report's count is what the threads did\n" + result.report().toPrettyString());
        }
        assertEquals(did.size(), result.findings().size(), "nothing else is a finding\n" + result.report().toPrettyString());
        assertEquals(did.size(), result.stderr().lines().filter(line -> line.contains("[FaaSGuard]")).count(),
                "each finding logged once\n" + result.stderr());
        assertFalse(result.stderr().contains("internal"), result.stderr());
        assertTrue(heap > 0 && heap < HEAP_BOUND_BYTES, "heap in use at the end: " + heap);
    }
}
