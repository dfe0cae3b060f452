package dev.faasguard.bench.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faasguard.bench.jmh.AgentCostReport.Comparison;
import dev.faasguard.bench.jmh.AgentCostReport.Score;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentCostReportTest {

    private static final String PREFIX = "dev.faasguard.bench.jmh.TimedCallsBenchmark.";

    /** The shape JMH 1.37 writes with -rf json (trimmed: rawData, percentiles and most settings left out). */
    private static String jmhJson(String... benchmarks) {
        StringBuilder out = new StringBuilder("[\n");
        for (int i = 0; i < benchmarks.length; i++) {
            String[] parts = benchmarks[i].split(",");
            out.append("    {\n")
                    .append("        \"jmhVersion\" : \"1.37\",\n")
                    .append("        \"benchmark\" : \"").append(PREFIX).append(parts[0]).append("\",\n")
                    .append("        \"mode\" : \"avgt\",\n")
                    .append("        \"threads\" : 1,\n")
                    .append("        \"forks\" : 2,\n")
                    .append("        \"jvmArgs\" : [\n            \"-Dbench.expectAgent=true\",\n")
                    .append("            \"-javaagent:/work/x \\\"q\\\" \\u00e9.jar\"\n        ],\n")
                    .append("        \"params\" : {},\n")
                    .append("        \"primaryMetric\" : {\n")
                    .append("            \"score\" : ").append(parts[1]).append(",\n")
                    .append("            \"scoreError\" : ").append(parts[2]).append(",\n")
                    .append("            \"scoreConfidence\" : [\n                1.0,\n                2.0E-3\n            ],\n")
                    .append("            \"scoreUnit\" : \"ns/op\",\n")
                    .append("            \"rawData\" : [[1.5, 1.6], [1.7, -0.5e1]]\n")
                    .append("        },\n")
                    .append("        \"secondaryMetrics\" : {\n        }\n")
                    .append("    }").append(i + 1 < benchmarks.length ? "," : "").append('\n');
        }
        return out.append("]\n").toString();
    }

    @Test
    void parsesScoresInFileOrder() {
        List<Score> scores = AgentCostReport.parse(jmhJson("threadJoinTimed,20.5,0.75", "socketConnectTimed,48213.9,1234.5"));

        assertEquals(2, scores.size());
        assertEquals(new Score(PREFIX + "threadJoinTimed", "avgt", 20.5, 0.75, "ns/op"), scores.get(0));
        assertEquals("socketConnectTimed", scores.get(1).shortName());
        assertEquals(1234.5, scores.get(1).error());
    }

    @Test
    void readsNanErrorAsWrittenByJmh() {
        Score score = AgentCostReport.parse(jmhJson("threadJoinTimed,20.5,\"NaN\"")).get(0);
        assertTrue(Double.isNaN(score.error()));
    }

    @Test
    void rejectsWhatIsNotJmhJson() {
        assertThrows(IllegalArgumentException.class, () -> AgentCostReport.parse("{\"benchmark\": 1}"));
        assertThrows(IllegalArgumentException.class, () -> AgentCostReport.parse("[{\"benchmark\": \"x\""));
        assertThrows(IllegalArgumentException.class, () -> AgentCostReport.parse("[] trailing"));
        assertThrows(IllegalArgumentException.class,
                () -> AgentCostReport.parse("[{\"benchmark\":\"a\",\"mode\":\"avgt\",\"primaryMetric\":"
                        + "{\"score\":\"fast\",\"scoreError\":1,\"scoreUnit\":\"ns/op\"}}]"));
    }

    @Test
    void withinErrorUsesTheRootSumSquareOfBothErrors() {
        // errors 3 and 4 combine to 5
        Comparison inside = comparison(100, 3, 105, 4);
        Comparison outside = comparison(100, 3, 105.01, 4);
        Comparison faster = comparison(100, 3, 95, 4);

        assertEquals(5.0, inside.combinedError(), 1e-12);
        assertTrue(inside.withinError());
        assertFalse(outside.withinError());
        assertTrue(faster.withinError(), "a difference in either direction counts");
        assertEquals(-5.0, faster.difference(), 1e-12);
        assertEquals(-5.0, faster.differencePercent(), 1e-12);
    }

    @Test
    void noErrorEstimateIsNeverWithinError() {
        assertFalse(comparison(100, Double.NaN, 100, 1).withinError());
    }

    @Test
    void summaryDoesNotCountMissingErrorsAsMeasuredDifferences() {
        String summary = AgentCostReport.summary(
                List.of(comparison(100, Double.NaN, 100, 1), comparison(100, 1, 100.5, 1)), List.of("p"));
        assertTrue(summary.contains("0 of 1 targets with an error estimate are NOT met"), summary);
        assertTrue(summary.contains("problem: p"), summary);
        assertTrue(AgentCostReport.summary(List.of(comparison(1, Double.NaN, 1, 1)), List.of())
                .contains("No target can be judged"));
    }

    @Test
    void pairsByNameInBaselineOrderAndReportsWhatIsMissing() {
        List<Score> baseline = AgentCostReport.parse(jmhJson("a,1,0.1", "b,2,0.1", "c,3,0.1"));
        List<Score> agent = AgentCostReport.parse(jmhJson("d,4,0.1", "b,2.05,0.1", "a,1.2,0.1"));
        List<String> problems = new ArrayList<>();

        List<Comparison> comparisons = AgentCostReport.compare(baseline, agent, Map.of("b", 2.0, "e", 1.0), problems);

        assertEquals(List.of("a", "b"), comparisons.stream().map(c -> c.baseline().shortName()).toList());
        assertFalse(comparisons.get(0).hasBudget());
        assertEquals(2.0, comparisons.get(1).budget());
        assertEquals(List.of("c (avgt) is missing from the agent run", "d (avgt) is missing from the baseline run",
                "a budget for e, which neither run measured"), problems);
    }

    @Test
    void tableHasOneRowPerBenchmark() {
        String table = AgentCostReport.table(List.of(comparison(20.5, 0.75, 20.9, 0.5),
                comparison(48213.9, 1234.5, 52000.0, 900.0)));

        String[] lines = table.split("\n");
        assertEquals(4, lines.length);
        assertEquals("| Benchmark | Unit | Baseline | With agent | Difference | Combined error | Target | Met? |",
                lines[0]);
        assertEquals("| x | ns/op | 20.5 ± 0.750 | 20.9 ± 0.500 | +0.400 (+2.0 %) | ± 0.901 | within error | yes |",
                lines[2]);
        assertEquals("| x | ns/op | 48214 ± 1235 | 52000 ± 900 | +3786 (+7.9 %) | ± 1528 | within error | **no** |",
                lines[3]);
    }

    @Test
    void aBudgetIsMetWhenTheDifferencePlusItsErrorFitsInIt() {
        // difference 1500, errors 300 and 400 combine to 500: at most 2000 added
        Score base = new Score(PREFIX + "x", "avgt", 100, 300, "ns/op");
        Comparison fits = new Comparison(base, new Score(PREFIX + "x", "avgt", 1600, 400, "ns/op"), 2000);
        Comparison over = new Comparison(base, new Score(PREFIX + "x", "avgt", 1600.5, 400, "ns/op"), 2000);

        assertTrue(fits.met());
        assertFalse(fits.withinError(), "far outside error, yet within its budget");
        assertFalse(over.met());
        assertFalse(new Comparison(new Score(PREFIX + "x", "avgt", 100, Double.NaN, "ns/op"),
                new Score(PREFIX + "x", "avgt", 100, 1, "ns/op"), 2000).met(), "no error estimate, no verdict");
        assertTrue(AgentCostReport.table(List.of(fits)).contains("| ± 500 | adds ≤ 2000 | yes |"));
    }

    @Test
    void numbersKeepThreeSignificantDigits() {
        assertEquals("0.123", AgentCostReport.number(0.1234));
        assertEquals("1.23", AgentCostReport.number(1.234));
        assertEquals("12.3", AgentCostReport.number(12.34));
        assertEquals("1234", AgentCostReport.number(1234.4));
        assertEquals("-5.00", AgentCostReport.number(-5));
        assertEquals("+0.000", AgentCostReport.signed(0));
        assertEquals("-12.3", AgentCostReport.signed(-12.34));
    }

    @Test
    void commandLineWritesTheTableAndExitsByVerdict(@TempDir Path dir) throws Exception {
        Path baseline = Files.writeString(dir.resolve("b.json"), jmhJson("a,100,3", "b,200,1"));
        Path agentInside = Files.writeString(dir.resolve("a1.json"), jmhJson("a,104,4", "b,200.5,1"));
        Path agentOutside = Files.writeString(dir.resolve("a2.json"), jmhJson("a,104,4", "b,210,1"));
        Path agentMissing = Files.writeString(dir.resolve("a3.json"), jmhJson("a,104,4"));
        Path out = dir.resolve("table.md");

        assertEquals(0, run("--baseline", baseline.toString(), "--agent", agentInside.toString(), "--out", out.toString()));
        assertTrue(Files.readString(out).contains("All 2 targets are met."));
        assertEquals(1, run("--baseline", baseline.toString(), "--agent", agentOutside.toString(), "--out", out.toString()));
        assertTrue(Files.readString(out).contains("1 of 2 targets with an error estimate are NOT met"));
        assertEquals(0, run("--baseline", baseline.toString(), "--agent", agentOutside.toString(), "--budget", "b=12"));
        assertEquals(64, run("--baseline", baseline.toString(), "--agent", agentInside.toString(), "--budget", "b"));
        assertEquals(64, run("--baseline", baseline.toString(), "--agent", agentInside.toString(), "--budget", "=1"));
        assertEquals(2, run("--baseline", baseline.toString(), "--agent", agentMissing.toString()));
        assertEquals(64, run("--baseline", baseline.toString()));
        assertEquals(64, run("--baseline", baseline.toString(), "--agent", dir.resolve("none.json").toString()));
        assertEquals(64, run("--baseline"));
    }

    private static int run(String... args) {
        PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        return AgentCostReport.run(args, sink, sink);
    }

    private static Comparison comparison(double base, double baseError, double agent, double agentError) {
        return new Comparison(new Score(PREFIX + "x", "avgt", base, baseError, "ns/op"),
                new Score(PREFIX + "x", "avgt", agent, agentError, "ns/op"));
    }
}
