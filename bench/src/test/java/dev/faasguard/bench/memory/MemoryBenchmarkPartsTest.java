package dev.faasguard.bench.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MemoryBenchmarkPartsTest {

    @Test
    void aHistogramIsReadByClassAndComparedWithAnother() {
        ClassHistogram baseline = ClassHistogram.parse("""
                 num     #instances         #bytes  class name (module)
                -------------------------------------------------------
                   1:          5000         400000  [B (java.base@17.0.15)
                   2:          4000          96000  java.lang.String (java.base@17.0.15)
                Total          9000         496000
                """);
        ClassHistogram agent = ClassHistogram.parse("""
                   1:         15000        1400000  [B (java.base@17.0.15)
                   2:          4100          98400  java.lang.String (java.base@17.0.15)
                   3:          1000          48000  dev.faasguard.agent.finding.Finding
                Total         20100        1546400
                """);

        assertEquals(496_000, baseline.totalBytes(), "the Total line is not a class");
        assertEquals(1_546_400, agent.totalBytes());
        assertEquals(15_000, agent.instances("[B"));
        assertEquals(48_000, agent.bytesUnder("dev.faasguard."));
        assertEquals(List.of("[B", "dev.faasguard.agent.finding.Finding"), agent.grownMostSince(baseline, 2));
    }

    @Test
    void theReportMustCountEverySiteExactlyOnce() {
        assertEquals(List.of(), ReportCounts.problems(report(CallSites.REPEATS), 5000, 1000));

        List<String> wrong = ReportCounts.problems(report(CallSites.REPEATS - 1), 5000, 1000);
        assertEquals(CallSites.CLASSES * CallSites.LINES_PER_CLASS, wrong.size());
        assertTrue(wrong.get(0).endsWith("counted 9 times"), wrong.get(0));
        assertEquals(List.of("1000 invocations listed, not min(20, 1000)"),
                ReportCounts.problems(report(CallSites.REPEATS), 20, 1000));
    }

    /** A report with every generated site counted {@code count} times and 1,000 invocations listed. */
    private static String report(int count) {
        StringBuilder json = new StringBuilder("{\"findings\": [");
        for (int site = 0; site < CallSites.CLASSES * CallSites.LINES_PER_CLASS; site++) {
            json.append(site == 0 ? "" : ",").append("{\"rule\": \"wait-without-timeout\", \"count\": ").append(count)
                    .append(", \"callSite\": {\"class\": \"").append(CallSites.className(site / CallSites.LINES_PER_CLASS))
                    .append("\", \"line\": ").append(CallSites.FIRST_LINE + site % CallSites.LINES_PER_CLASS).append("}}");
        }
        json.append("], \"invocations\": [");
        for (int i = 0; i < 1000; i++) {
            json.append(i == 0 ? "" : ",").append("{}");
        }
        return json.append("]}").toString();
    }
}
