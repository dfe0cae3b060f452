package com.example.documents;

import static com.example.documents.LambdaRun.describe;
import static com.example.documents.LambdaRun.frame;
import static com.example.documents.LambdaRun.report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.Chromium;
import com.example.DemoRun;
import com.fasterxml.jackson.databind.JsonNode;
import dev.faasguard.lambdasim.InvocationResult;
import dev.faasguard.lambdasim.LambdaSim;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.Test;

/**
 * The HTML report of the document-split function, run under lambda-sim until its /tmp is full with
 * {@code report.html=/tmp/faasguard/report.html}, as headless Chromium renders it: every finding with its call
 * site, every invocation with its outcome, and the /tmp chart with one bar per invocation and the capacity line.
 * The page and a screenshot (docs/output.md's docs/report.png) are kept in target/html-report/.
 */
class HtmlReportDemoIT {

    private static final String BIG_DOCUMENT = "{\"document\":\"contract.pdf\",\"pages\":4,\"pageKiB\":1024}";
    private static final String HTML = "faasguard/report.html";
    private static final int MAX_INVOCATIONS = 25;

    @Test
    void chromiumShowsTheFindingsTheInvocationsAndTheTmpChart() throws Exception {
        Chromium.require();
        Path jdk = Path.of(System.getProperty("java.home"));
        Path kept = Files.createDirectories(Path.of("target", "html-report").toAbsolutePath());
        String pageLine = frame(DocumentSplitHandler.class, "handleRequest",
                DemoRun.markers(DocumentSplitHandler.class).get("page"));
        try (LambdaSim sim = LambdaRun.start(LambdaRun.function(jdk, DocumentSplitHandler.class, Duration.ofSeconds(3))
                .agent(LambdaRun.agentJar(), "report.html=/tmp/" + HTML))) {
            List<InvocationResult> results = new ArrayList<>();
            do {
                results.add(sim.invoke(BIG_DOCUMENT));
            } while (results.get(results.size() - 1).succeeded() && results.size() < MAX_INVOCATIONS);
            String run = describe(results);
            InvocationResult last = results.get(results.size() - 1);
            assertTrue(last.bodyText().contains("No space left on device"), "runs until /tmp is full\n" + run);

            JsonNode json = report(last);
            Path page = Files.copy(last.tmpDir().resolve(HTML), kept.resolve("report.html"),
                    StandardCopyOption.REPLACE_EXISTING);
            Document dom = Jsoup.parse(Chromium.dumpDom(page));
            String shown = dom.outerHtml();

            // Every finding of the JSON report, with its rule and call site.
            Elements findingRows = dom.select("table.findings tbody tr.finding");
            assertEquals(json.get("findings").size(), findingRows.size(), shown);
            List<String> rules = new ArrayList<>();
            for (int i = 0; i < findingRows.size(); i++) {
                JsonNode finding = json.get("findings").get(i);
                Element row = findingRows.get(i);
                rules.add(row.selectFirst("td.rule").text());
                assertEquals(finding.get("rule").asText(), row.selectFirst("td.rule").text(), row.outerHtml());
                assertEquals(finding.at("/stack/0").asText(), row.selectFirst("td.call-site > code").text(), row.outerHtml());
                assertEquals(finding.get("count").asText(), row.selectFirst("td.count").text(), row.outerHtml());
                assertEquals(finding.get("stack").size(), row.selectFirst("details.stack pre").wholeText().lines().count(),
                        row.outerHtml());
            }
            assertTrue(rules.containsAll(List.of("uncaught-exception", "work-after-response", "tmp-growth",
                    "tmp-near-full", "invocation-failed")), rules + "\n" + shown);
            Element growth = findingRows.get(rules.indexOf("tmp-growth"));
            assertEquals(pageLine, growth.selectFirst("td.call-site > code").text(), growth.outerHtml());
            assertTrue(growth.hasClass("severity-warning"), growth.outerHtml());

            // Every invocation, in order, with its outcome.
            Elements invocationRows = dom.select("table.invocations tbody tr.invocation");
            assertEquals(results.size(), invocationRows.size(), shown);
            for (int i = 0; i < results.size(); i++) {
                Element row = invocationRows.get(i);
                assertEquals(results.get(i).requestId(), row.selectFirst("code").text(), row.outerHtml());
                assertEquals(i == 0 ? "cold" : "warm", row.selectFirst("td.start").text(), row.outerHtml());
                assertEquals(results.get(i).succeeded() ? "success" : "error", row.selectFirst("td.outcome").text(),
                        row.outerHtml());
            }

            // The chart: one bar per invocation, the failed one in the error colour, the capacity line and the axes.
            Element chart = dom.selectFirst("svg.chart");
            assertTrue(chart != null, shown);
            Elements bars = chart.select("rect.bar");
            assertEquals(results.size(), bars.size(), chart.outerHtml());
            assertTrue(bars.last().hasClass("outcome-error"), bars.last().outerHtml());
            assertEquals(1, chart.select("line.capacity").size(), chart.outerHtml());
            assertEquals("capacity 64.0 MiB", chart.selectFirst("text.capacity-label").text(), chart.outerHtml());
            assertEquals(List.of("invocation", "/tmp in use"), chart.select("text.axis-label").eachText());

            Path screenshot = kept.resolve("report.png");
            Chromium.screenshot(page, screenshot, 1280, 2000);
            byte[] png = Files.readAllBytes(screenshot);
            assertTrue(png.length > 20_000 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G', "a PNG of the page");
            System.out.println("HTML report of " + results.size() + " invocations: " + page + ", screenshot " + screenshot);
        }
    }
}
