package dev.faasguard.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.example.forkjoin.ConcurrentHost;
import com.example.forkjoin.ReportBuilder;
import com.example.writes.WriteApis;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Two invocations at once (a handler named by {@code faasguard.handler}, called from two threads), each handing
 * work to a fork-join pool: {@code CompletableFuture.supplyAsync} and {@code runAsync} on a pool of its own and on
 * the common pool, {@code ForkJoinPool.submit}, a parallel stream. What the work does is put on the invocation that
 * handed it, whichever pool thread ran it: the files it left, and the untimed join one of them made.
 */
class ForkJoinAttributionIT {

    private static SourceLines lines;
    private Path work;

    @BeforeAll
    static void readMarkers() throws IOException {
        lines = new SourceLines(ReportBuilder.class);
    }

    @BeforeEach
    void directory() {
        work = Path.of("/tmp", "faasguard-it-forkjoin-" + UUID.randomUUID());
    }

    @AfterEach
    void cleanUp() throws IOException {
        WriteApis.deleteTree(work);
    }

    static Stream<Arguments> jdksAndWays() {
        return ChildJvm.jdks().flatMap(jdk -> Stream.of("supply-async-pool", "supply-async", "run-async", "submit",
                "parallel-stream").map(how -> Arguments.of(jdk, how)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("jdksAndWays")
    void whatAPooledTaskDoesIsPutOnTheInvocationThatHandedIt(Path jdk, String how) throws Exception {
        ChildJvm.Result result = ChildJvm.on(jdk)
                .property("faasguard.handler", ReportBuilder.class.getName() + "::handle")
                .property("work.dir", work.toString())
                // Two cores would give the common pool one thread, and CompletableFuture a thread per task instead.
                .property("java.util.concurrent.ForkJoinPool.common.parallelism", "4")
                .run(ConcurrentHost.class.getName(), how + ":a:slow", how + ":b:quick");

        assertEquals(0, result.exitCode(), result::toString);
        JsonNode invocations = result.report().get("invocations");
        assertEquals(2, invocations.size(), result::toString);
        String slow = invocationLeaving(result, parts(how, "a"));
        String quick = invocationLeaving(result, parts(how, "b"));

        List<JsonNode> joins = result.findings().stream()
                .filter(finding -> finding.get("rule").asText().equals("join-without-timeout")).toList();
        assertEquals(1, joins.size(), result::toString);
        assertEquals(lines.of("join"), joins.get(0).at("/callSite/line").asInt(), result::toString);
        assertEquals(slow, joins.get(0).get("invocation").asText(), "the invocation that handed the task\n" + result);
        assertEquals(parts(how, "a").size(), joins.get(0).get("count").asLong(), result::toString);
        assertEquals(false, slow.equals(quick), result::toString);
    }

    /** The files one invocation's parts leave: one, or one per element of a parallel stream. */
    private Set<String> parts(String how, String name) {
        List<String> names = how.equals("parallel-stream")
                ? IntStream.range(0, 8).mapToObj(i -> name + "-" + i).toList()
                : List.of(name);
        Set<String> paths = new TreeSet<>();
        names.forEach(part -> paths.add(work.resolve(part + ".part").toString()));
        return paths;
    }

    /**
     * The id of the invocation whose leaked files in the work directory are exactly {@code files} (other processes
     * of the machine write to /tmp too); fails when none is.
     */
    private String invocationLeaving(ChildJvm.Result result, Set<String> files) {
        List<String> seen = new ArrayList<>();
        for (JsonNode invocation : result.report().get("invocations")) {
            Set<String> leaked = new TreeSet<>();
            invocation.get("tmpFilesLeaked").forEach(file -> leaked.add(file.get("path").asText()));
            leaked.removeIf(path -> !path.startsWith(work + "/"));
            if (leaked.equals(files)) {
                return invocation.get("id").asText();
            }
            seen.add(leaked.toString());
        }
        throw new AssertionError("no invocation left exactly " + files + "; they left " + seen + "\n" + result);
    }
}
