package com.example.field.tmpcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faasguard.field.FieldRun;
import dev.faasguard.field.FieldRun.Run;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * /tmp under the agent as Lambda runs it (a tmpfs /tmp of its own, the real runtime client): a warm cache of
 * thousands of files costs no walk of /tmp and no finding; a file left from Java is found at its line by the hooks
 * alone; a file a subprocess or native code (SQLite) left is found by the one walk the usage figures ask for; a log
 * kept open grows without a finding or a walk. {@code tmp.walks} in the report counts the walks: one is the baseline after the cold start.
 */
class TmpCacheIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String HANDLER = CacheHandler.class.getName() + "::handleRequest";
    private static final String WORK = event("work");

    private static String event(String mode) {
        return "{\"mode\":\"" + mode + "\"}";
    }

    private static Run run(Path jdk, FieldRun.Function function, List<String> events) throws IOException {
        Run run = FieldRun.run(jdk, function, true, events);
        assertTrue(run.outcomes().stream().allMatch(outcome -> outcome.startsWith("SUCCESS ")), run::toString);
        return run;
    }

    private static long walks(Run run) {
        return run.report().at("/tmp/walks").asLong(-1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.faasguard.field.FieldRun#jdks")
    void aCacheOfThousandsOfFilesIsWalkedOnceAndIsNoFinding(Path jdk) throws IOException {
        FieldRun.Function function = FieldRun.Function.of(HANDLER, TIMEOUT).env("CACHE_FILES", "5000");
        Run run = run(jdk, function, Collections.nCopies(6, WORK));

        assertEquals(List.of(), run.findings(), run::toString);
        assertEquals(1, walks(run), "the baseline after the cold start, then none\n" + run.report().toPrettyString());
        JsonNode invocations = run.report().get("invocations");
        assertEquals(6, invocations.size(), run::toString);
        for (int i = 1; i < 6; i++) {
            assertEquals(0, invocations.get(i).get("tmpFilesLeaked").size(), "warm " + i + "\n" + run);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.faasguard.field.FieldRun#jdks")
    void filesLeftFromJavaAndFromASubprocessAreEachFoundWhereTheyCameFrom(Path jdk) throws IOException {
        FieldRun.Function function = FieldRun.Function.of(HANDLER, TIMEOUT).env("CACHE_FILES", "200");
        Run run = run(jdk, function,
                List.of(WORK, event("leak-java"), event("leak-subprocess"), event("leak-java"), WORK));
        String report = run.report().toPrettyString();

        List<JsonNode> growth = run.findings("tmp-growth");
        assertEquals(2, growth.size(), report);
        JsonNode fromJava = growth.stream().filter(f -> !f.at("/detail/createdOutsideJvm").asBoolean()).findFirst()
                .orElseThrow(() -> new AssertionError("no tmp-growth from Java\n" + report));
        assertEquals(FieldRun.line(CacheHandler.class, "leak-java"), fromJava.at("/callSite/line").asInt(), report);
        assertEquals(2, fromJava.get("count").asLong(), "invocations 2 and 4\n" + report);
        assertEquals(run.results().get(1).requestId(), fromJava.get("invocation").asText(), report);

        JsonNode fromSubprocess = growth.stream().filter(f -> f.at("/detail/createdOutsideJvm").asBoolean())
                .findFirst().orElseThrow(() -> new AssertionError("no tmp-growth from the subprocess\n" + report));
        assertEquals("/tmp/export-3.csv", fromSubprocess.at("/detail/path").asText(), report);
        assertEquals(20_000, fromSubprocess.at("/detail/bytes").asLong(), report);
        assertEquals(1, fromSubprocess.get("count").asLong(), report);
        assertEquals(run.results().get(2).requestId(), fromSubprocess.get("invocation").asText(),
                "found after the response, still the invocation's own\n" + report);

        assertEquals(2, walks(run), "the baseline, then the subprocess's invocation only\n" + report);
        JsonNode third = run.report().get("invocations").get(2);
        assertEquals("/tmp/export-3.csv", third.at("/tmpFilesLeaked/0/path").asText(), report);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.faasguard.field.FieldRun#jdks")
    void aTemporaryFileLeftIsFoundAtTheLineThatCreatedItWithoutAWalk(Path jdk) throws IOException {
        Run run = run(jdk, FieldRun.Function.of(HANDLER, TIMEOUT), List.of(WORK, event("leak-tempfile"), WORK));
        String report = run.report().toPrettyString();

        List<JsonNode> growth = run.findings("tmp-growth");
        assertEquals(1, growth.size(), report);
        assertEquals(FieldRun.line(CacheHandler.class, "leak-tempfile"), growth.get(0).at("/callSite/line").asInt(),
                "File.createTempFile's line, though its file was written through another stream\n" + report);
        assertTrue(growth.get(0).at("/detail/path").asText().matches("/tmp/receipt-\\d+\\.txt"), report);
        assertEquals(1, walks(run), "the hooks saw it all\n" + report);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.faasguard.field.FieldRun#jdks")
    void aDatabaseFileSqlitesNativeCodeLeftIsFoundByTheWalk(Path jdk) throws IOException {
        FieldRun.Function function = FieldRun.Function.of(HANDLER, TIMEOUT);
        Run run = run(jdk, function, List.of(event("sqlite"), WORK, event("leak-native"), WORK));
        String report = run.report().toPrettyString();

        List<JsonNode> growth = run.findings("tmp-growth");
        assertEquals(1, growth.size(), report);
        assertEquals("/tmp/session-3.db", growth.get(0).at("/detail/path").asText(), report);
        assertTrue(growth.get(0).at("/detail/createdOutsideJvm").asBoolean(), "SQLite's C code wrote it\n" + report);
        assertEquals(run.results().get(2).requestId(), growth.get(0).get("invocation").asText(), report);
        assertEquals(2, walks(run), "the baseline, then the native write's invocation only\n" + report);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.faasguard.field.FieldRun#jdks")
    void aLogKeptOpenGrowsWithoutAFindingOrAWalk(Path jdk) throws IOException {
        FieldRun.Function function = FieldRun.Function.of(HANDLER, TIMEOUT);
        Run run = run(jdk, function, Collections.nCopies(6, event("append")));

        assertEquals(List.of(), run.findings(), run::toString);
        assertEquals(1, walks(run), run.report().toPrettyString());
    }
}
