package dev.faasguard.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.writes.ConcurrentWrites;
import com.example.writes.HelloApp;
import com.example.writes.WriteApis;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** write-outside-tmp end to end: real child JVMs on each JDK, the agent attached, the report read back. */
class WriteOutsideTmpIT {

    /** What each write in {@link WriteApis} must report: the path (or its prefix) and the operation. */
    private static final Map<String, String[]> EXPECTED = Map.ofEntries(
            Map.entry("fileOutputStreamString", new String[] {"fos-string.txt", "open-for-write"}),
            Map.entry("fileOutputStreamStringAppend", new String[] {"fos-string-append.txt", "open-for-append"}),
            Map.entry("fileOutputStreamFile", new String[] {"fos-file.txt", "open-for-write"}),
            Map.entry("fileOutputStreamFileAppend", new String[] {"fos-file-append.txt", "open-for-append"}),
            Map.entry("fileWriter", new String[] {"file-writer.txt", "open-for-write"}),
            Map.entry("fileWriterAppend", new String[] {"file-writer-append.txt", "open-for-append"}),
            Map.entry("printWriter", new String[] {"print-writer.txt", "open-for-write"}),
            Map.entry("printStream", new String[] {"print-stream.txt", "open-for-write"}),
            Map.entry("randomAccessFile", new String[] {"random-access.bin", "open-for-write"}),
            Map.entry("filesNewOutputStream", new String[] {"files-new-output-stream.txt", "open-for-write"}),
            Map.entry("filesWrite", new String[] {"files-write.bin", "open-for-write"}),
            Map.entry("filesWriteLines", new String[] {"files-write-lines.txt", "open-for-write"}),
            Map.entry("filesWriteString", new String[] {"files-write-string.txt", "open-for-write"}),
            Map.entry("filesNewBufferedWriter", new String[] {"buffered-writer.txt", "open-for-write"}),
            Map.entry("filesNewByteChannel", new String[] {"byte-channel.bin", "open-for-write"}),
            Map.entry("fileChannelOpen", new String[] {"file-channel.bin", "open-for-append"}),
            Map.entry("filesCreateFile", new String[] {"created-file.txt", "create-file"}),
            Map.entry("filesCreateDirectory", new String[] {"created-directory", "create-directory"}),
            Map.entry("filesCreateDirectories", new String[] {"deep/er/still", "create-directories"}),
            Map.entry("filesCreateTempFile", new String[] {"nio-temp*", "create-file"}),
            Map.entry("filesCreateTempDirectory", new String[] {"nio-temp-dir*", "create-directory"}),
            Map.entry("fileMkdir", new String[] {"mkdir", "create-directory"}),
            Map.entry("fileMkdirs", new String[] {"mkdirs/a/b", "create-directories"}),
            Map.entry("fileCreateNewFile", new String[] {"create-new-file.txt", "create-file"}),
            Map.entry("fileCreateTempFile", new String[] {"io-temp*", "create-temp-file"}),
            Map.entry("fileRenameTo", new String[] {"renamed.txt", "rename"}),
            Map.entry("filesMove", new String[] {"moved.txt", "move"}),
            Map.entry("filesCopy", new String[] {"copied.txt", "copy"}),
            Map.entry("fileDelete", new String[] {"existing-delete-1.txt", "delete"}),
            Map.entry("filesDelete", new String[] {"existing-delete-2.txt", "delete"}),
            Map.entry("filesDeleteIfExists", new String[] {"existing-delete-3.txt", "delete"}),
            Map.entry("fileHandler", new String[] {"jul.log", "open-log-file"}),
            Map.entry("relativePath", new String[] {"relative.txt", "open-for-write"}),
            Map.entry("dotDotPath", new String[] {"dot-dot.txt", "open-for-write"}));

    private static SourceLines lines;
    private Path outside;
    private Path inside;

    @BeforeAll
    static void readMarkers() throws IOException {
        lines = new SourceLines(WriteApis.class);
        assertEquals(WriteApis.WRITES.size(), EXPECTED.size(), "every write API has an expectation");
    }

    @BeforeEach
    void directories() throws IOException {
        // /var/tmp is outside the default writable root on every machine, wherever the build runs.
        outside = Files.createDirectories(Path.of("/var/tmp", "faasguard-it-" + UUID.randomUUID()));
        inside = Files.createDirectories(Path.of("/tmp", "faasguard-it-" + UUID.randomUUID()));
        WriteApis.prepare(outside);
        WriteApis.prepare(inside);
    }

    @AfterEach
    void cleanUp() throws IOException {
        WriteApis.deleteTree(outside);
        WriteApis.deleteTree(inside);
    }

    static Stream<Path> jdks() {
        return ChildJvm.jdks();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void everyWriteApiOutsideTmpFiresOnceAtItsLine(Path jdk) throws Exception {
        ChildJvm.Result result = ChildJvm.on(jdk).workingDirectory(outside)
                .run(WriteApis.class.getName(), outside.toString());

        assertEquals(0, result.exitCode(), result::toString);
        for (String api : WriteApis.WRITES) {
            List<JsonNode> findings = result.findingsIn(api);
            assertEquals(1, findings.size(), () -> api + " fires exactly once\n" + result);
            JsonNode finding = findings.get(0);
            assertEquals("write-outside-tmp", finding.get("rule").asText(), api);
            assertEquals("error", finding.get("severity").asText(), api);
            assertEquals(1, finding.get("count").asLong(), api);
            assertEquals(WriteApis.class.getName(), finding.at("/callSite/class").asText(), api);
            assertEquals("WriteApis.java", finding.at("/callSite/file").asText(), api);
            assertEquals(lines.of(api), finding.at("/callSite/line").asInt(), api + " points at its line");
            assertTrue(finding.get("stack").get(0).asText().contains("WriteApis." + api + "(WriteApis.java:"), api);
            assertPath(api, finding.at("/detail/path").asText());
            assertEquals(EXPECTED.get(api)[1], finding.at("/detail/operation").asText(), api);
            assertTrue(finding.get("message").asText().contains("Read-only file system"), api);
            assertFalse(finding.get("fix").asText().isBlank(), api);
        }
        for (String quiet : WriteApis.QUIET) {
            assertEquals(List.of(), result.findingsIn(quiet), () -> quiet + " must not fire\n" + result);
        }
        assertEquals(WriteApis.WRITES.size(), result.findings().size(), result::toString);
        long warnings = result.stderr().lines().filter(l -> l.contains("WARN  [FaaSGuard] write-outside-tmp")).count();
        assertEquals(WriteApis.WRITES.size(), warnings, "one warning per call site\n" + result.stderr());
        assertTrue(result.stderr().contains("fix: Write under /tmp"), result.stderr());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void theSameWritesUnderTmpFireNothing(Path jdk) throws Exception {
        ChildJvm.Result result = ChildJvm.on(jdk).workingDirectory(inside)
                .run(WriteApis.class.getName(), inside.toString());

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals(List.of(), result.findings(), result::toString);
        assertEquals("", result.stderr(), "nothing on stderr: no finding, no JVM warning");
        assertFalse(result.stdout().contains("Exception"), result.stdout());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void enforceModeFailsEachWriteAsLambdaWould(Path jdk) throws Exception {
        ChildJvm.Result result = ChildJvm.on(jdk).workingDirectory(outside).property("faasguard.mode", "enforce")
                .run(WriteApis.class.getName(), outside.toString());

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("enforce", result.report().at("/agent/mode").asText());
        assertEquals(WriteApis.WRITES.size(), result.findings().size(), "findings are still recorded\n" + result);
        Map<String, String> outcome = outcomes(result.stdout());
        for (String api : WriteApis.WRITES) {
            String what = outcome.get(api);
            switch (api) {
                case "fileMkdir", "fileMkdirs", "fileRenameTo", "fileDelete" ->
                        assertEquals("false", what, api + " returns false, as on a read-only file system");
                case "fileCreateNewFile", "fileCreateTempFile" ->
                        assertEquals("java.io.IOException: Read-only file system", what, api);
                case "fileOutputStreamString", "fileOutputStreamStringAppend", "fileOutputStreamFile",
                        "fileOutputStreamFileAppend", "fileWriter", "fileWriterAppend", "printWriter", "printStream",
                        "randomAccessFile", "relativePath", "dotDotPath" -> {
                    assertTrue(what.startsWith("java.io.FileNotFoundException: "), api + ": " + what);
                    assertTrue(what.endsWith(" (Read-only file system)"), api + ": " + what);
                }
                default -> {
                    assertTrue(what.startsWith("java.nio.file.FileSystemException: "), api + ": " + what);
                    assertTrue(what.endsWith(": Read-only file system"), api + ": " + what);
                }
            }
        }
        assertTrue(outcome.get("fileOutputStreamString").contains(outside.resolve("fos-string.txt").toString()));
        assertTrue(outcome.get("filesWriteString").contains(outside.resolve("files-write-string.txt").toString()));
        for (String untouched : List.of("existing-rename.txt", "existing-move.txt", "existing-delete-1.txt",
                "existing-delete-2.txt", "existing-delete-3.txt")) {
            assertTrue(Files.exists(outside.resolve(untouched)), untouched + " is still there");
        }
        for (String neverCreated : List.of("fos-string.txt", "files-write-string.txt", "mkdir", "deep", "jul.log",
                "jul.log.lck", "copied.txt", "relative.txt")) {
            assertFalse(Files.exists(outside.resolve(neverCreated)), neverCreated + " was not created");
        }
        for (String quiet : WriteApis.QUIET) {
            assertFalse(outcome.get(quiet).contains("Exception"), quiet + " still works: " + outcome.get(quiet));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void countsEveryOccurrenceExactlyAcrossThreads(Path jdk) throws Exception {
        ChildJvm.Result result = ChildJvm.on(jdk).run(ConcurrentWrites.class.getName(), outside.toString(), "32", "1000");

        assertEquals(0, result.exitCode(), result::toString);
        List<JsonNode> findings = result.findings();
        assertEquals(1, findings.size(), result::toString);
        assertEquals(32_000, findings.get(0).get("count").asLong());
        assertEquals(new SourceLines(ConcurrentWrites.class).of("write"), findings.get(0).at("/callSite/line").asInt());
        assertEquals(1, result.stderr().lines().filter(l -> l.contains("write-outside-tmp")).count(),
                "repeats are counted, not printed\n" + result.stderr());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void aCorrectProgramRunsSilently(Path jdk) throws Exception {
        ChildJvm.Result result = ChildJvm.on(jdk).run(HelloApp.class.getName());

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("hello\n", result.stdout());
        assertEquals("", result.stderr(), "no JVM, ByteBuddy or agent output at all");
        assertEquals(List.of(), result.findings());
        assertEquals("observe", result.report().at("/agent/mode").asText());
        assertEquals("local", result.report().at("/runtime/platform").asText());
        assertTrue(result.report().at("/runtime/pid").asLong() > 0);
        assertTrue(result.report().get("invocations").isArray());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void theAgentsOwnReportOutsideTmpIsNotAFinding(Path jdk) throws Exception {
        Path report = outside.resolve("reports/report.json");
        ChildJvm.Result result = ChildJvm.on(jdk).report(null).property("faasguard.report", report.toString())
                .run(HelloApp.class.getName());

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("", result.stderr());
        JsonNode written = new com.fasterxml.jackson.databind.ObjectMapper().readTree(report.toFile());
        assertEquals(0, written.get("findings").size(), written.toPrettyString());
        try (Stream<Path> left = Files.list(report.getParent())) {
            assertEquals(List.of(report), left.toList(), "no temporary file is left next to the report");
        }
    }

    private void assertPath(String api, String actual) {
        String expected = EXPECTED.get(api)[0];
        if (expected.endsWith("*")) {
            String prefix = outside.resolve(expected.substring(0, expected.length() - 1)).toString();
            assertTrue(actual.startsWith(prefix), api + ": " + actual + " starts with " + prefix);
        } else {
            assertEquals(outside.resolve(expected).toString(), actual, api);
        }
    }

    private static Map<String, String> outcomes(String stdout) {
        Map<String, String> outcome = new java.util.HashMap<>();
        stdout.lines().forEach(line -> {
            int colon = line.indexOf(": ");
            if (colon > 0) {
                outcome.put(line.substring(0, colon), line.substring(colon + 2));
            }
        });
        return outcome;
    }
}
