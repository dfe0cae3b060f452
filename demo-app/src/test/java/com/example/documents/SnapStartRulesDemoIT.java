package com.example.documents;

import static com.example.documents.LambdaRun.describe;
import static com.example.documents.LambdaRun.findings;
import static com.example.documents.LambdaRun.frame;
import static com.example.documents.LambdaRun.report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.DemoRun;
import com.example.snapstart.CouponHandler;
import com.example.snapstart.FixedCouponHandler;
import com.example.snapstart.PriceService;
import com.fasterxml.jackson.databind.JsonNode;
import dev.faasguard.lambdasim.InvocationResult;
import dev.faasguard.lambdasim.LambdaSim;
import dev.faasguard.lambdasim.Outcome;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The coupon handlers under SnapStart (lambda-sim runs the real runtime client through its checkpoint protocol; no
 * JVM snapshot is taken, so the connection init left open still works here, as it would not on Lambda): what init
 * seeded and connected is reported at the line that did it, with its use after the restore; the corrected twin, whose
 * init talks to the price service over a connection it closes before the snapshot, is silent; and without SnapStart
 * nothing crosses a snapshot.
 */
class SnapStartRulesDemoIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final byte[] EVENT = "{\"sku\":\"A-1\"}".getBytes();
    private static Map<String, Integer> coupon;
    private static Map<String, Integer> client;

    @BeforeAll
    static void markers() throws Exception {
        coupon = DemoRun.markers(CouponHandler.class);
        assertEquals(List.of("seeded", "split-seeded", "kept", "math-seeded", "seeded-use", "math-use",
                "split-use"), List.copyOf(coupon.keySet()),
                "the // demo: markers in CouponHandler");
        client = DemoRun.markers(Class.forName("com.example.snapstart.PriceClient"));
        assertEquals(List.of("connect", "use"), List.copyOf(client.keySet()), "the // demo: markers in PriceClient");
    }

    static Stream<Path> jdks() {
        return LambdaRun.jdks();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void whatInitSeededAndConnectedIsReportedAtItsLineWithItsUseAfterTheRestore(Path jdk) throws Exception {
        try (PriceService prices = PriceService.start()) {
            Run run = run(jdk, CouponHandler.class, prices, b -> b.snapStart(Duration.ofMillis(200)));
            JsonNode report = run.report();
            String text = report.toPrettyString();
            assertEquals(4, report.get("findings").size(), "three generators and a connection, nothing else\n" + text);

            String restored = run.results().get(0).requestId();
            JsonNode codes = at(findings(report, "random-across-snapshot"), "<clinit>", coupon.get("seeded"), text);
            assertEquals("java.util.Random", codes.at("/detail/generator").asText(), text);
            assertEquals(frame(CouponHandler.class, "handleRequest", coupon.get("seeded-use")),
                    codes.at("/detail/usedAfterRestoreAt").asText(), text);
            assertEquals(restored, codes.get("invocation").asText(), "found in the first invocation after the restore");
            assertEquals(1, codes.get("count").asInt(), "each generator once\n" + text);

            JsonNode trial = at(findings(report, "random-across-snapshot"), "<clinit>", coupon.get("split-seeded"), text);
            assertEquals("java.util.SplittableRandom", trial.at("/detail/generator").asText(), text);
            assertEquals(frame(CouponHandler.class, "handleRequest", coupon.get("split-use")),
                    trial.at("/detail/usedAfterRestoreAt").asText(), text);

            // Math.random()'s generator is made at its first call, here in init: the line that called it first.
            JsonNode jitter = at(findings(report, "random-across-snapshot"), "<init>", coupon.get("math-seeded"), text);
            assertEquals(frame(CouponHandler.class, "handleRequest", coupon.get("math-use")),
                    jitter.at("/detail/usedAfterRestoreAt").asText(), text);
            assertEquals(restored, jitter.get("invocation").asText(), text);

            List<JsonNode> connections = findings(report, "connection-across-snapshot");
            assertEquals(1, connections.size(), text);
            JsonNode connection = connections.get(0);
            assertEquals("com.example.snapstart.PriceClient", connection.at("/callSite/class").asText(), text);
            assertEquals("connect", connection.at("/callSite/method").asText(), text);
            assertEquals((int) client.get("connect"), connection.at("/callSite/line").asInt(), text);
            assertEquals(prices.address(), connection.at("/detail/remote").asText(), text);
            assertEquals("Socket", connection.at("/detail/connection").asText(), text);
            assertTrue(connection.get("invocation").isNull(), "found at the checkpoint, in init\n" + text);
            String quoted = frame(Class.forName("com.example.snapstart.PriceClient"), "quote", client.get("use"));
            assertEquals(quoted, connection.at("/detail/usedAfterRestoreAt").asText(),
                    "the line that wrote to it first after the restore\n" + text);
            assertEquals(1, connection.get("count").asInt(), "amended, not counted again\n" + text);
            assertEquals(frame(CouponHandler.class, "<init>", coupon.get("kept")), connection.at("/stack/1").asText(),
                    "the handler's field that keeps it, under the connect\n" + text);

            String log = describe(run.results());
            assertTrue(log.contains("random-across-snapshot (warning) at "
                    + frame(CouponHandler.class, "<clinit>", coupon.get("seeded")) + ": A java.util.Random seeded "
                    + "during init, before the snapshot, is used after the restore at "
                    + frame(CouponHandler.class, "handleRequest", coupon.get("seeded-use"))), "the log\n" + log);
            assertTrue(log.contains("connection-across-snapshot (warning) at com.example.snapstart.PriceClient.connect("
                    + "PriceClient.java:" + client.get("connect") + "): A Socket connected to " + prices.address()
                    + " during init is still open at the SnapStart checkpoint"), "the log\n" + log);
            assertTrue(log.contains("connection-across-snapshot (warning) at com.example.snapstart.PriceClient.connect("
                    + "PriceClient.java:" + client.get("connect") + "): A Socket connected to " + prices.address()
                    + " during init is still open at the SnapStart checkpoint: every restored copy resumes with a "
                    + "connection that is dead; first used after the restore at " + quoted), "said again, with the use\n"
                    + log);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void theCorrectedTwinIsSilent(Path jdk) throws Exception {
        try (PriceService prices = PriceService.start()) {
            Run run = run(jdk, FixedCouponHandler.class, prices, b -> b.snapStart(Duration.ofMillis(200)));
            assertEquals(0, run.report().get("findings").size(), run.report().toPrettyString());
            assertFalse(describe(run.results()).contains("[FaaSGuard]"), describe(run.results()));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void withoutSnapStartNothingCrossesASnapshot(Path jdk) throws Exception {
        try (PriceService prices = PriceService.start()) {
            JsonNode report = run(jdk, CouponHandler.class, prices, b -> b).report();
            assertEquals("on-demand", report.at("/runtime/initType").asText(), report.toPrettyString());
            assertEquals(0, report.get("findings").size(), "the same handler, on demand\n" + report.toPrettyString());
        }
    }

    private record Run(List<InvocationResult> results, JsonNode report) {}

    /** Two invocations of the handler, each a success, and the report after them. */
    private static Run run(Path jdk, Class<?> handler, PriceService prices,
            UnaryOperator<LambdaSim.Builder> mode) throws Exception {
        try (LambdaSim sim = LambdaRun.start(jdk, handler, TIMEOUT,
                builder -> mode.apply(builder.env("PRICE_SERVICE", prices.address())))) {
            List<InvocationResult> results = sim.run(List.of(EVENT, EVENT));
            String run = describe(results);
            assertEquals(List.of(Outcome.SUCCESS, Outcome.SUCCESS),
                    results.stream().map(InvocationResult::outcome).toList(), run);
            return new Run(results, report(results.get(1)));
        }
    }

    private static JsonNode at(List<JsonNode> findings, String method, int line, String text) {
        for (JsonNode finding : findings) {
            if (finding.at("/callSite/method").asText().equals(method) && finding.at("/callSite/line").asInt() == line) {
                assertEquals(CouponHandler.class.getName(), finding.at("/callSite/class").asText(), text);
                return finding;
            }
        }
        throw new AssertionError("no finding at " + method + " line " + line + "\n" + text);
    }
}
