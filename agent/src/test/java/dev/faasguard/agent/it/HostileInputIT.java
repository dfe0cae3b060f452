package dev.faasguard.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.hostile.HostileInput;
import com.example.writes.WriteApis;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Odd and hostile input end to end ({@link HostileInput}): symbolic links both ways, newlines and escape sequences
 * in a file name, a thread name and an exception message, URL secrets, a 10,000-character path, {@code ..}. What a
 * user sees must stay true and safe: the log one record per finding with nothing raw in it, the JSON report valid,
 * the HTML report inert, OpenTelemetry's spans and metrics and all the rest free of secrets.
 */
class HostileInputIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static SourceLines lines;
    private Path inTmp;
    private Path outside;
    private Path reports;

    @BeforeAll
    static void readMarkers() throws IOException {
        lines = new SourceLines(HostileInput.class);
    }

    @BeforeEach
    void directories() throws IOException, InterruptedException {
        String name = "faasguard-hostile-" + UUID.randomUUID();
        inTmp = Files.createDirectories(Path.of("/tmp", name));
        // On this machine / is writable: the test checks the finding, not an EROFS.
        outside = Files.createDirectories(Path.of("/var/tmp", name, "outside"));
        reports = Files.createDirectories(Path.of("/var/tmp", name, "reports"));
        Files.createDirectories(outside.resolve("sub"));
        Path invalid = Files.createDirectories(outside.resolve("invalid-utf8"));
        Process touch = new ProcessBuilder("sh", "-c", "touch \"$1/$(printf '\\377\\376')-name\"", "sh",
                invalid.toString()).inheritIO().start();
        assertEquals(0, touch.waitFor(), "a file named with the bytes 0xff 0xfe");
    }

    @AfterEach
    void cleanUp() throws IOException, InterruptedException {
        WriteApis.deleteTree(inTmp);
        // rm, not Java: no Java string names the file whose name is not valid UTF-8.
        new ProcessBuilder("rm", "-rf", outside.getParent().toString()).inheritIO().start().waitFor();
    }

    static Stream<Path> jdks() {
        return ChildJvm.jdks();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void hostileInputIsReportedTrueAndNothingReachesTheLogRawOrTheReportsActive(Path jdk) throws Exception {
        Path json = reports.resolve("report.json");
        Path html = reports.resolve("report.html");
        ChildJvm.Result result = ChildJvm.on(jdk).workingDirectory(outside).report(null)
                .property("faasguard.report", json.toString()).property("faasguard.report.html", html.toString())
                .env("OTEL_TRACES_EXPORTER", "logging-otlp").env("OTEL_METRICS_EXPORTER", "logging-otlp")
                .env("OTEL_METRIC_EXPORT_INTERVAL", "500")
                .run(HostileInput.class.getName(), inTmp.toString(), outside.toString());
        String jsonText = Files.readString(json, StandardCharsets.UTF_8);
        String htmlText = Files.readString(html, StandardCharsets.UTF_8);
        String stderr = result.stderr();
        String context = result + "\n--- report.json\n" + jsonText;
        assertEquals(0, result.exitCode(), context);

        // The JSON report parses, and holds every finding with its data as the application gave it.
        List<JsonNode> findings = findings(JSON.readTree(jsonText));
        JsonNode throughLink = only(findings, "throughLinkInTmpToOutside", context);
        assertEquals(inTmp + "/x/link/f", throughLink.at("/detail/path").asText());
        assertEquals(outside + "/f", throughLink.at("/detail/resolvedPath").asText());
        assertTrue(throughLink.get("message").asText().contains("through a symbolic link"), context);
        assertEquals(List.of(), at(findings, "throughLinkOutsideIntoTmp"), "a link outside leading into /tmp");
        for (String leafWrite : List.of("leafLinkFileOutputStream", "leafLinkFilesWrite", "leafLinkRandomAccessFile")) {
            JsonNode leaf = only(findings, leafWrite, context);
            assertEquals(inTmp + "/leaf", leaf.at("/detail/path").asText(), context);
            assertEquals(outside + "/leaf-target", leaf.at("/detail/resolvedPath").asText(), context);
        }
        JsonNode bySubprocess = only(findings, "leafLinkBySubprocess", context);
        assertEquals(outside + "/ln-target", bySubprocess.at("/detail/resolvedPath").asText(),
                "a link another process made is seen at the first write through it\n" + context);
        assertEquals(List.of(), at(findings, "danglingLeafLinkBySubprocess"),
                "a dangling link another process made is unknown until a walk of /tmp finds it: none in a plain JVM");
        assertEquals(List.of(), at(findings, "leafLinkOutsideIntoTmp"), "a leaf link outside leading into /tmp");
        assertEquals(List.of(), at(findings, "leafLinkReplacedByFile"), "a link replaced by a file");
        assertEquals(outside + "/" + HostileInput.EVIL_NAME,
                only(findings, "evilFileName", context).at("/detail/path").asText());
        assertTrue(only(findings, "loneSurrogateName", context).at("/detail/path").asText().contains("lone-\ufffd-"));
        assertTrue(only(findings, "invalidUtf8Name", context).at("/detail/path").asText()
                .startsWith(outside + "/invalid-utf8/"), context);
        JsonNode death = only(findings, "evilThreadAndMessage", context);
        assertEquals(HostileInput.THREAD_NAME, death.at("/detail/thread").asText());
        assertTrue(death.at("/detail/exceptionMessage").asText().startsWith("boom\r\nINJECTED-LINE <script>"), context);
        JsonNode http = only(findings, "urlWithSecrets", context);
        assertEquals("http-without-timeout", http.get("rule").asText(), context);
        assertEquals(List.of(), at(findings, "longPathInTmp"), "a long path in /tmp is still in /tmp");
        assertEquals(outside + "/" + "d/".repeat(5_000).substring(0, 9_999),
                only(findings, "longPathOutside", context).at("/detail/path").asText(),
                "the 10,000-character path, normalized (no trailing /)");
        assertEquals(outside + "/relative.txt", only(findings, "relativeDotDot", context).at("/detail/path").asText());
        assertEquals(outside + "/dot-dot.txt", only(findings, "dotDotOutOfTmp", context).at("/detail/path").asText());

        // The log: one WARN record per finding, and no data starts a line or reaches the terminal raw.
        long warnings = stderr.lines().filter(line -> line.matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} WARN  \\[FaaSGuard] .*"))
                .count();
        assertEquals(findings.size(), warnings, "one WARN record per finding\n" + context);
        assertTrue(stderr.lines().allMatch(line -> line.matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} (WARN |ERROR) \\[FaaSGuard] .*")
                || line.startsWith("    ")), "every line is a record's headline or one of its own lines\n" + stderr);
        assertFalse(stderr.lines().anyMatch(line -> line.startsWith("INJECTED-LINE")), stderr);
        assertFalse(stderr.contains("\u001b") || stderr.contains("\r"), "no raw escape or carriage return\n" + stderr);
        assertTrue(stderr.contains("evil\\nINJECTED-LINE [FaaSGuard] fake\\u001b[31m<b>.txt"), stderr);
        assertTrue(stderr.contains("Thread 'worker\\nINJECTED-LINE"), stderr);
        assertTrue(stderr.contains("boom\\r\\nINJECTED-LINE"), stderr);

        // The HTML report is inert: the data's markup is text.
        assertFalse(htmlText.contains("<script") || htmlText.contains("<b>.txt"), htmlText);
        assertTrue(htmlText.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), htmlText);
        assertFalse(htmlText.contains("\u001b"), "no raw escape character in the page");

        // No secret in clear anywhere: log, JSON, HTML, spans and metrics (logging-otlp prints them on stdout).
        assertTrue(result.stdout().contains("faasguard.http-without-timeout"), "spans exported\n" + result.stdout());
        for (String secret : HostileInput.SECRETS) {
            for (String output : List.of(stderr, jsonText, htmlText, result.stdout())) {
                assertFalse(output.contains(secret), secret + " in clear\n" + output);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void enforceModeFailsTheWriteThroughALinkOutOfTmpAndLetsTheOneIntoTmpThrough(Path jdk) throws Exception {
        ChildJvm.Result result = ChildJvm.on(jdk).workingDirectory(outside).property("faasguard.mode", "enforce")
                .run(HostileInput.class.getName(), inTmp.toString(), outside.toString());

        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.stdout().contains("throughLinkInTmpToOutside failed: java.io.FileNotFoundException"),
                result::toString);
        assertFalse(Files.exists(outside.resolve("f")), "the write through the link did not happen");
        assertTrue(result.stdout().contains("throughLinkOutsideIntoTmp ok"), result::toString);
        assertTrue(Files.exists(inTmp.resolve("g")), "the write through the link into /tmp happened");
        assertTrue(result.stdout().contains("leafLinkInTmpToOutside failed: java.io.FileNotFoundException"),
                result::toString);
        assertFalse(Files.exists(outside.resolve("leaf-target")), "nor the write through the leaf link");
        assertTrue(result.stdout().contains("leafLinkOutsideIntoTmp ok"), result::toString);
        assertTrue(result.stdout().contains("leafLinkReplacedByFile ok"), result::toString);
    }

    private static List<JsonNode> findings(JsonNode report) {
        List<JsonNode> list = new java.util.ArrayList<>();
        report.get("findings").forEach(list::add);
        return list;
    }

    /** The findings at the marked line of a step. */
    private static List<JsonNode> at(List<JsonNode> findings, String step) {
        int line = lines.of(step);
        return findings.stream().filter(f -> f.at("/callSite/class").asText().equals(HostileInput.class.getName())
                && f.at("/callSite/line").asInt() == line).toList();
    }

    private static JsonNode only(List<JsonNode> findings, String step, String context) {
        List<JsonNode> found = at(findings, step);
        assertEquals(1, found.size(), () -> step + " is exactly one finding\n" + context);
        return found.get(0);
    }
}
