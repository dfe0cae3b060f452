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
import java.util.TreeSet;
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

    private static final String IO = "org.apache.commons.io.";
    private static final String ROOT = "the tests run as root here: a read-only or unreadable file or directory is"
            + " still writable and readable for root, so the expected IOException never comes";

    /**
     * Tests that fail on this machine without the agent, and why. They still run (the console launcher cannot leave
     * out single methods), and with the agent they must fail the same way; any other failure without the agent
     * fails this test, so the baseline stays understood.
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
        SuiteRun.Running without = SuiteRun.start(jdk, false, SELECTED);
        SuiteRun.Running with = SuiteRun.start(jdk, true, SELECTED);
        SuiteRun.Result plain;
        SuiteRun.Result agent;
        try {
            plain = without.finish();
            agent = with.finish();
        } finally {
            without.process().destroyForcibly();
            with.process().destroyForcibly();
        }
        record(plain, agent);

        assertTrue(plain.outcomes().size() > 1000, () -> "too few tests ran: " + plain);
        assertEquals(plain.outcomes().keySet(), agent.outcomes().keySet(),
                () -> "the same tests ran\n" + plain + "\n" + agent);
        assertEquals(Map.of(), differences(plain, agent), () -> "each test ends as without the agent (the XML reports"
                + " say why)\n" + plain + "\n" + agent);
        assertEquals(Set.of(), unexplained(plain), "tests failing without the agent are in FAILING_WITHOUT_THE_AGENT");
        assertTrue(agent.findings() > 0, () -> "the agent watched the run and wrote its report: " + agent);
        assertEquals(0, agent.agentErrors(), () -> "no agent error on stderr: " + agent);
    }

    /** Each test whose outcome differs: {@code test -> without / with}. */
    private static Map<String, String> differences(SuiteRun.Result plain, SuiteRun.Result agent) {
        Map<String, String> differences = new TreeMap<>();
        plain.outcomes().forEach((test, outcome) -> {
            SuiteRun.Outcome other = agent.outcomes().get(test);
            if (outcome != other) {
                differences.put(test, outcome + " without / " + other + " with the agent");
            }
        });
        return differences;
    }

    private static Set<String> unexplained(SuiteRun.Result plain) {
        return plain.outcomes().entrySet().stream()
                .filter(e -> e.getValue() == SuiteRun.Outcome.FAILED)
                .map(Map.Entry::getKey)
                .filter(test -> !FAILING_WITHOUT_THE_AGENT.containsKey(test))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** This build's runs, one line each. */
    private static Path results() {
        return SuiteRun.directory().resolve("parity-results.txt");
    }

    private static void record(SuiteRun.Result... results) throws IOException {
        StringBuilder text = new StringBuilder();
        for (SuiteRun.Result result : results) {
            text.append(result.summary()).append('\n');
        }
        System.out.print(text);
        Files.writeString(results(), text, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }
}
