package com.example.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.DemoRun;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The video part of the demo, run exactly as README runs it, on each JDK. The broken job must be reported
 * once per call that waits with no timeout: the join, each HTTP call (as one http-without-timeout, not also
 * as a socket connect or read), the transcoder's {@code Process.waitFor()}; each at the line its source
 * marks with {@code // demo: <name>}, with how long it really blocked. Its fixed twin: nothing at all.
 */
class VideoDemoIT {

    private static final String BROKEN = VideoDownloadHandler.class.getName();
    private static final String FIXED = FixedVideoDownloadHandler.class.getSimpleName();
    private static final String JOIN = "join-without-timeout";
    private static final String HTTP = "http-without-timeout";
    private static final String WAIT = "wait-without-timeout";
    /** The transcoder stand-in's {@code sleep 0.2}. */
    private static final long TRANSCODE_MS = 200;
    private static final long SLACK_BELOW_MS = 50;
    private static final long SLACK_ABOVE_MS = 3000;

    private static Map<String, Integer> markers;

    private DemoRun demo;

    /** What each marked call must be reported as. */
    private record Expected(String rule, String severity, String operation, long delayMs, String method) {}

    private static final Map<String, Expected> EXPECTED = Map.of(
            "metadata", new Expected(HTTP, "error", "HttpURLConnection", FakeVideoSite.METADATA_DELAY_MS, "fetchTitle"),
            "download", new Expected(HTTP, "error", "HttpClient.send", FakeVideoSite.VIDEO_DELAY_MS, "lambda$download$0"),
            "join", new Expected(JOIN, "warning", "Thread.join", FakeVideoSite.VIDEO_DELAY_MS, "download"),
            "thumbnail", new Expected(HTTP, "error", "HttpClient.send", FakeVideoSite.THUMBNAIL_DELAY_MS, "fetchThumbnail"),
            "transcode", new Expected(WAIT, "warning", "Process.waitFor", TRANSCODE_MS, "transcode"));

    @BeforeAll
    static void locate() throws IOException {
        markers = DemoRun.markers(VideoDownloadHandler.class);
        assertEquals(List.of("metadata", "download", "join", "thumbnail", "transcode"), List.copyOf(markers.keySet()),
                "the // demo: markers in " + BROKEN);
    }

    @BeforeEach
    void directories() throws IOException {
        demo = DemoRun.prepare();
    }

    @AfterEach
    void cleanUp() throws IOException {
        demo.cleanUp();
    }

    static Stream<Path> jdks() {
        return DemoRun.jdks();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void brokenJobIsReportedAtEachWaitWithNoTimeoutAndTheFixedTwinIsNot(Path jdk) throws Exception {
        DemoRun.Result run = demo.run(jdk);

        assertEquals(0, run.exitCode(), run::toString);
        String stdout = run.stdout();
        int broken = stdout.indexOf("== broken video job ==\n");
        int fixed = stdout.indexOf("== fixed video job ==\n");
        assertTrue(stdout.indexOf("== fixed handler ==\n") < broken && broken < fixed, run::toString);
        List<String> brokenJobs = downloads(stdout.substring(broken, fixed));
        List<String> fixedJobs = downloads(stdout.substring(fixed));
        assertFalse(brokenJobs.isEmpty(), run::toString);
        assertEquals(brokenJobs.size(), fixedJobs.size(), run::toString);
        for (String job : Stream.concat(brokenJobs.stream(), fixedJobs.stream()).toList()) {
            assertTrue(job.contains(" -> 200 ") && job.contains("\"transcoder\":\"transcoded 262144 bytes\""),
                    () -> job + "\n" + run);
        }
        String firstVideo = brokenJobs.get(0).replaceFirst("^GET /download\\?video=([\\w-]+) .*", "$1");

        // Every file the job wrote was under java.io.tmpdir, and is gone.
        try (Stream<Path> left = Files.list(demo.tmpdir)) {
            assertEquals(List.of(), left.filter(p -> p.getFileName().toString().startsWith("video-download-")).toList());
        }
        for (JsonNode finding : run.findings("write-outside-tmp")) {
            assertFalse(finding.toString().contains("com.example.video."), finding::toPrettyString);
        }

        // Exactly one finding per marked call, nothing else of the timeout rules.
        assertEquals(List.of(), run.findings("connect-without-timeout"), run::toString);
        assertEquals(List.of(), run.findings("read-without-timeout"), run::toString);
        List<JsonNode> waits = Stream.of(JOIN, HTTP, WAIT).flatMap(rule -> run.findings(rule).stream()).toList();
        assertEquals(EXPECTED.size(), waits.size(), () -> "one finding per marked call\n" + run);
        for (Map.Entry<String, Integer> marker : markers.entrySet()) {
            assertFinding(run, waits, marker.getKey(), marker.getValue(), brokenJobs.size(), firstVideo);
        }

        for (JsonNode finding : run.report().get("findings")) {
            assertFalse(finding.toString().contains(FIXED), finding::toPrettyString);
        }
        assertFalse(run.stderr().contains(FIXED), run.stderr());
        List<String> warnings = run.warnings().stream().filter(w -> w.contains(" at " + BROKEN + ".")).toList();
        assertEquals(EXPECTED.size(), warnings.size(), "one warning per call site\n" + run.stderr());
        for (Map.Entry<String, Integer> marker : markers.entrySet()) {
            Expected expected = EXPECTED.get(marker.getKey());
            String at = expected.rule() + " (" + expected.severity() + ") at " + BROKEN + "." + expected.method()
                    + "(VideoDownloadHandler.java:" + marker.getValue() + "): ";
            assertEquals(1, warnings.stream().filter(w -> w.contains(at)).count(), () -> at + "\n" + run.stderr());
        }
    }

    private static void assertFinding(DemoRun.Result run, List<JsonNode> findings, String marker, int line,
            int videos, String firstVideo) {
        Expected expected = EXPECTED.get(marker);
        List<JsonNode> matching = findings.stream().filter(f -> f.at("/callSite/line").asInt() == line).toList();
        assertEquals(1, matching.size(), () -> marker + ": one finding at line " + line + "\n" + run);
        JsonNode finding = matching.get(0);
        String what = marker + ": " + finding.toPrettyString();
        assertEquals(expected.rule(), finding.get("rule").asText(), what);
        assertEquals(expected.severity(), finding.get("severity").asText(), what);
        assertEquals(BROKEN, finding.at("/callSite/class").asText(), what);
        assertEquals(expected.method(), finding.at("/callSite/method").asText(), what);
        assertEquals("VideoDownloadHandler.java", finding.at("/callSite/file").asText(), what);
        assertEquals(videos, finding.get("count").asLong(), what);
        assertEquals(expected.operation(), finding.at("/detail/operation").asText(), what);

        long blocked = finding.at("/detail/blockedMs").asLong(-1);
        assertTrue(blocked >= expected.delayMs() - SLACK_BELOW_MS && blocked < expected.delayMs() + SLACK_ABOVE_MS,
                () -> "blockedMs " + blocked + " for a " + expected.delayMs() + " ms wait: " + what);
        assertTrue(finding.at("/detail/stillBlocked").isMissingNode(), what);

        String site = "http://127\\.0\\.0\\.1:\\d+";
        switch (marker) {
            case "metadata" -> {
                assertTrue(finding.at("/detail/url").asText().matches(site + "/api/videos/" + firstVideo), what);
                assertEquals("[\"connectTimeout\",\"readTimeout\"]", finding.at("/detail/missing").toString(), what);
            }
            case "download" -> {
                assertTrue(finding.at("/detail/url").asText().matches(site + "/videos/" + firstVideo + "\\.mp4"), what);
                assertEquals("[\"connectTimeout\",\"requestTimeout\"]", finding.at("/detail/missing").toString(), what);
            }
            case "thumbnail" -> {
                assertTrue(finding.at("/detail/url").asText().matches(site + "/thumbnails/" + firstVideo + "\\.jpg"),
                        what);
                assertEquals("[\"connectTimeout\",\"requestTimeout\"]", finding.at("/detail/missing").toString(), what);
            }
            case "join" -> assertEquals("download-" + firstVideo, finding.at("/detail/thread").asText(), what);
            case "transcode" -> assertTrue(finding.at("/detail/waitingOn").asText().startsWith("pid "), what);
            default -> throw new AssertionError("unexpected marker " + marker);
        }
    }

    private static List<String> downloads(String output) {
        return output.lines().filter(l -> l.startsWith("GET /download?video=")).toList();
    }
}
