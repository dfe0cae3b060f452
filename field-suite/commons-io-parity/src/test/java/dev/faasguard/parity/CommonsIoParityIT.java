package dev.faasguard.parity;

import static java.util.Map.entry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faasguard.field.FieldRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Behaviour parity: Apache Commons IO's own tests, run from its published tests jar with the JUnit console
 * launcher, pass with the agent in observe mode (defaults, as a user attaches it) exactly as without it: the same
 * tests ran, and each one ended the same way (passed, failed, skipped or aborted). The two runs go side by side, on
 * JDK 17 and on 25, so both see the same load on a shared machine; each one's counts and wall time are printed and
 * written to {@code target/commons-io/parity-results.txt}.
 */
class CommonsIoParityIT {

    /**
     * The test classes run: Commons IO's file- and thread-heavy ones (file copies, deletes, links, listings and
     * walks; the tailer's, monitor's, cleaner's and waitFor's threads; the file writers). The whole suite takes about
     * 8 minutes per run here, 4 of them in channels.FileChannelsTest (in-memory channel comparisons), too long to
     * run four times per build.
     */
    static final String SELECTED = "org\\.apache\\.commons\\.io\\.(FileUtils\\w*Test|FileCleaningTrackerTest"
            + "|ThreadMonitorTest|input\\.Tailer\\w*Test|(file|monitor)\\.(\\w+\\.)?\\w*Test\\w*"
            + "|output\\.(DeferredFileOutputStream|LockableFileWriter|FileWriterWithEncoding)Test)";

    /** How many times the tests left in doubt are run again, and how many tests in doubt are worth running again. */
    private static final int RUNS_AGAIN = 3;
    private static final int MOST_RUN_AGAIN = 10;

    private static final String IO = "org.apache.commons.io.";
    private static final String ROOT = "the tests run as root here: a read-only or unreadable file or directory is"
            + " still writable and readable for root, so the expected IOException never comes";

    /**
     * Tests that fail on this machine without the agent, and why. They still run (the console launcher cannot leave
     * out single methods), and with the agent they must fail the same way; any other failure without the agent
     * that its runs again confirm fails this test, so the baseline stays understood.
     */
    static final Map<String, String> FAILING_WITHOUT_THE_AGENT = Map.ofEntries(
            entry(IO + "FileUtilsTest#testCompareSizeOf()",
                    "it measures src/test/java, Commons IO's own sources, which the tests jar does not carry"),
            entry(IO + "FileUtilsTest#testCopyFileToReadOnlyDirectory()", ROOT),
            entry(IO + "FileUtilsTest#testForceDeleteReadOnlyFile()", ROOT),
            entry(IO + "FileUtilsTest#testForceDeleteUnwritableFile()", ROOT),
            entry(IO + "FileUtilsTest#testReadFileToByteArray_IOExceptionOnPosixFileSystem()", ROOT),
            entry(IO + "FileUtilsTest#testReadFileToString_IOExceptionOnPosixFileSystem()", ROOT),
            entry(IO + "FileUtilsTest#testReadLines_IOExceptionOnPosixFileSystem()", ROOT),
            entry(IO + "FileUtilsCleanDirectoryTest#testThrowsOnNullList()", ROOT),
            entry(IO + "FileUtilsDeleteDirectoryLinuxTest#testThrowsOnNullList()", ROOT),
            entry(IO + "FileUtilsDeleteDirectoryLinuxTest#testThrowsOnCannotDeleteFile()", ROOT));

    @BeforeAll
    static void freshResults() throws IOException {
        Files.createDirectories(SuiteRun.directory());
        Files.deleteIfExists(results());
    }

    static Stream<Path> jdks() {
        return FieldRun.jdks();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void commonsIoTestsEndTheSameWithTheAgentAsWithout(Path jdk) throws Exception {
        SideBySide suite = SideBySide.run(jdk, SuiteRun.Selection.classesMatching(SELECTED));
        SuiteRun.Result plain = suite.plain();
        SuiteRun.Result agent = suite.agent();
        record(plain.summary(), agent.summary());

        assertTrue(plain.outcomes().size() > 1000, () -> "too few tests ran: " + plain);
        assertEquals(plain.outcomes().keySet(), agent.outcomes().keySet(),
                () -> "the same tests ran\n" + plain + "\n" + agent);
        assertEquals(Map.of(), settle(jdk, suspects(suite)), () -> "each test ends as without the agent, and"
                + " without it as FAILING_WITHOUT_THE_AGENT says, in the suite's run and each run again of its class"
                + " (the XML reports say more)\n" + plain + "\n" + agent);
        assertTrue(agent.findings() > 0, () -> "the agent watched the run and wrote its report: " + agent);
        assertEquals(0, agent.agentErrors(), () -> "no agent error on stderr: " + agent);
    }

    /** The two runs of one selection on one JDK, started together so that both see the same load. */
    record SideBySide(SuiteRun.Result plain, SuiteRun.Result agent) {

        static SideBySide run(Path jdk, SuiteRun.Selection selection) throws Exception {
            SuiteRun.Running without = SuiteRun.start(jdk, false, selection);
            SuiteRun.Running with = SuiteRun.start(jdk, true, selection);
            try {
                return new SideBySide(without.finish(), with.finish());
            } finally {
                without.process().destroyForcibly();
                with.process().destroyForcibly();
            }
        }

        /** Whether a test ended the same with and without the agent, and without it as expected. */
        boolean agreesOn(String test) {
            SuiteRun.Outcome outcome = plain.outcomes().get(test);
            return outcome != null && outcome == agent.outcomes().get(test)
                    && (outcome != SuiteRun.Outcome.FAILED || FAILING_WITHOUT_THE_AGENT.containsKey(test));
        }

        /** How a test ended in both runs, and why it failed where it did. */
        String describe(String test) {
            return end(plain, test) + " without / " + end(agent, test) + " with the agent";
        }

        private static String end(SuiteRun.Result result, String test) {
            String failure = result.failures().get(test);
            return result.outcomes().get(test) + (failure == null ? "" : " (" + failure + ")");
        }
    }

    /**
     * The tests the suite's run leaves in doubt: each one that ended otherwise with the agent than without it, or
     * failed without it where FAILING_WITHOUT_THE_AGENT does not expect it.
     */
    private static Map<String, String> suspects(SideBySide suite) {
        Map<String, String> suspects = new TreeMap<>();
        for (String test : suite.plain().outcomes().keySet()) {
            if (!suite.agreesOn(test)) {
                suspects.put(test, "suite: " + suite.describe(test));
            }
        }
        return suspects;
    }

    /**
     * Runs the classes of the tests in doubt again, side by side, until each test ends the same with and without
     * the agent, at most {@link #RUNS_AGAIN} times, as Maven's reruns of a failing test do: many of these tests sleep
     * and poll (the tailer's, the monitor's), and one of them can miss its window on a loaded machine, with or
     * without the agent. A test settled that way goes to the results as flaky, with what each run saw. What is
     * returned never settled: a difference each run again saw too, or more tests in doubt than a flaky few.
     */
    private static Map<String, String> settle(Path jdk, Map<String, String> suspects) throws Exception {
        if (suspects.size() > MOST_RUN_AGAIN) {
            return suspects;
        }
        Map<String, String> unsettled = new TreeMap<>(suspects);
        for (int round = 1; round <= RUNS_AGAIN && !unsettled.isEmpty(); round++) {
            Set<String> classes = unsettled.keySet().stream().map(test -> test.substring(0, test.indexOf('#')))
                    .collect(Collectors.toSet());
            SideBySide again = SideBySide.run(jdk, SuiteRun.Selection.classes("again-" + round, classes));
            for (String test : Set.copyOf(unsettled.keySet())) {
                String seen = unsettled.get(test) + "; run again " + round + ": " + again.describe(test);
                if (again.agreesOn(test)) {
                    unsettled.remove(test);
                    record("flaky on JDK " + again.plain().javaVersion() + ": " + test + ": " + seen);
                } else {
                    unsettled.put(test, seen);
                }
            }
        }
        return unsettled;
    }

    /** This build's runs, one line each. */
    private static Path results() {
        return SuiteRun.directory().resolve("parity-results.txt");
    }

    private static void record(String... lines) throws IOException {
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            text.append(line).append('\n');
        }
        System.out.print(text);
        Files.writeString(results(), text, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }
}
