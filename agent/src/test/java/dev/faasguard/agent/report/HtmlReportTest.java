package dev.faasguard.agent.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The HTML page rendered from a report snapshot shaped exactly as the JSON report. */
class HtmlReportTest {

    /** Every element the page may contain: anything else would have come from the application's strings. */
    private static final Set<String> ELEMENTS = Set.of("html", "head", "meta", "title", "style", "body", "header",
            "h1", "h2", "h3", "p", "ul", "li", "b", "main", "section", "div", "table", "thead", "tbody", "tr", "th",
            "td", "code", "span", "details", "summary", "pre", "dl", "dt", "dd", "br", "svg", "line", "text", "rect",
            "footer");
    private static final Pattern ELEMENT = Pattern.compile("<([a-zA-Z][a-zA-Z0-9]*)");
    private static final long MIB = 1024 * 1024;

    @Test
    @SuppressWarnings("unchecked")
    void stringsFromTheApplicationCannotInjectMarkup() {
        String hostile = "<script>alert('x')</script>\"><img src=x onerror=alert(1)>";
        Map<String, Object> finding = finding("invocation-failed", "error", "The handler threw " + hostile,
                "com.example.<b>Fn</b>", "handle", 12, 1);
        finding.put("stack", List.of("com.example.Fn.handle(Fn.java:12)", "<iframe src=\"javascript:x\">"));
        finding.put("detail", Map.of("path", "/tmp/\"><svg onload=alert(1)>", "blocked", List.of(Map.of("t", "<a>"))));
        finding.put("invocation", "<u>id</u>");
        Map<String, Object> invocation = invocation("req-<em>1</em>", true, "success", 1000, 2000);
        invocation.put("findings", List.of("invocation-failed@" + hostile));
        Map<String, Object> snapshot = snapshot(List.of(finding), List.of(invocation), 64 * MIB);
        ((Map<String, Object>) snapshot.get("runtime")).put("java", "17</title><script>");
        snapshot.put("ignored", List.of(Map.of("pattern", "*@<marquee>", "rule", "*", "count", 2L)));

        String html = HtmlReport.render(snapshot);

        Set<String> elements = new TreeSet<>();
        Matcher element = ELEMENT.matcher(html);
        while (element.find()) {
            elements.add(element.group(1));
        }
        assertTrue(ELEMENTS.containsAll(elements), "unexpected elements " + elements + " in\n" + html);
        assertTrue(html.contains("The handler threw &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&quot;&gt;"
                + "&lt;img src=x onerror=alert(1)&gt;"), html);
        assertTrue(html.contains("com.example.&lt;b&gt;Fn&lt;/b&gt;.handle(&lt;b&gt;Fn&lt;/b&gt;.java:12)"), html);
        assertTrue(html.contains("&lt;iframe src=&quot;javascript:x&quot;&gt;"), html);
        assertTrue(html.contains("/tmp/&quot;&gt;&lt;svg onload=alert(1)&gt;"), html);
        assertTrue(html.contains("[{&quot;t&quot;:&quot;&lt;a&gt;&quot;}]"), "nested details as escaped JSON\n" + html);
        assertTrue(html.contains("req-&lt;em&gt;1&lt;/em&gt;"), html);
        assertTrue(html.contains("17&lt;/title&gt;&lt;script&gt;"), html);
        assertTrue(html.contains("*@&lt;marquee&gt;"), html);
        assertFalse(html.contains("<script"), html);
        String withoutSvgNamespace = html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
        for (String fetch : List.of("http://", "https://", "url(", "@import")) {
            assertFalse(withoutSvgNamespace.contains(fetch), "nothing to fetch: " + fetch + " in\n" + html);
        }
    }

    @Test
    void controlCharactersAndLoneSurrogatesFromTheApplicationAreShownAsEscapes() {
        Map<String, Object> finding = finding("write-outside-tmp", "error",
                "Opening for write /var/out/evil\nINJECTED\u001b[31m\u0000-\ud800.txt", "com.example.Fn", "handle", 12, 1);
        String html = HtmlReport.render(snapshot(List.of(finding), List.of(), 64 * MIB));
        assertTrue(html.contains("/var/out/evil\nINJECTED\\u001b[31m\\u0000-\ufffd.txt"), html);
        assertFalse(html.contains("\u001b") || html.contains("\u0000") || html.contains("\ud800"), html);
    }

    @Test
    void findingsShowRuleSeverityMessageCallSiteCountFixAndAnExpandableStack() {
        Map<String, Object> growth = finding("tmp-growth", "warning", "Invocation r2 left /tmp/pages/page-0001.pdf",
                "com.example.documents.DocumentSplitHandler", "handleRequest", 54, 56);
        growth.put("stack", List.of("com.example.documents.DocumentSplitHandler.handleRequest(DocumentSplitHandler.java:54)",
                "com.amazonaws.services.lambda.runtime.api.client.EventHandlerLoader.handle(EventHandlerLoader.java:1)"));
        Map<String, Object> exit = finding("runtime-exit", "error", "System.exit(3) during invocation r3",
                "com.example.documents.DocumentSplitHandler", "handleRequest", 45, 1);

        String html = HtmlReport.render(snapshot(List.of(growth, exit), List.of(), 0));

        List<String> rows = between(html, "<tr class=\"finding ", "</tr>");
        assertEquals(2, rows.size(), html);
        String row = rows.get(0);
        assertTrue(row.startsWith("severity-warning"), row);
        assertTrue(row.contains("<code>tmp-growth</code>"), row);
        assertTrue(row.contains("<span class=\"badge warning\">warning</span>"), row);
        assertTrue(row.contains("Invocation r2 left /tmp/pages/page-0001.pdf"), row);
        assertTrue(row.contains("<code>com.example.documents.DocumentSplitHandler.handleRequest(DocumentSplitHandler.java:54)</code>"), row);
        assertTrue(row.contains("<td class=\"num count\">56</td>"), row);
        assertTrue(row.contains("Fix tmp-growth"), row);
        assertTrue(row.contains("<details class=\"stack\"><summary>stack (2 frames)</summary><pre>"
                + "com.example.documents.DocumentSplitHandler.handleRequest(DocumentSplitHandler.java:54)\n"
                + "com.amazonaws.services.lambda.runtime.api.client.EventHandlerLoader.handle(EventHandlerLoader.java:1)\n"
                + "</pre></details>"), row);
        assertTrue(rows.get(1).startsWith("severity-error"), rows.get(1));
        assertTrue(html.contains("<li class=\"error\"><b>1</b>error</li><li class=\"warning\"><b>1</b>warning</li>"
                + "<li><b>0</b>invocations</li>"), html);
        assertTrue(html.contains("No invocations"), html);
        assertFalse(html.contains("<svg"), "no chart without invocations\n" + html);
    }

    @Test
    void invocationsAreListedAndChartedOneBarEachAgainstTheCapacity() {
        Map<String, Object> cold = invocation("r1", true, "success", 1 * MIB, 2 * MIB);
        Map<String, Object> warm = invocation("r2", false, "error", 2 * MIB, 64 * MIB);
        warm.put("findings", List.of("tmp-growth@com.example.Fn.handle(Fn.java:54)"));
        warm.put("tmpFilesLeaked", List.of(Map.of("path", "/tmp/a", "bytes", 1L), Map.of("path", "/tmp/b", "bytes", 1L)));
        Map<String, Object> stuck = invocation("r3", false, "timeout", 8 * MIB, -1);

        String html = HtmlReport.render(snapshot(List.of(), List.of(cold, warm, stuck), 64 * MIB));

        List<String> rows = between(html, "<tr class=\"invocation\">", "</tr>");
        assertEquals(3, rows.size(), html);
        assertTrue(rows.get(0).contains("<code>r1</code></td><td class=\"start\">cold</td>"
                + "<td class=\"outcome\"><span class=\"badge success\">success</span>"), rows.get(0));
        assertTrue(rows.get(0).contains(">1.0 MiB</td><td class=\"num\">2.0 MiB</td>"), rows.get(0));
        assertTrue(rows.get(1).contains("warm</td><td class=\"outcome\"><span class=\"badge error\">error</span>"), rows.get(1));
        assertTrue(rows.get(1).contains("<code>tmp-growth@com.example.Fn.handle(Fn.java:54)</code>"), rows.get(1));
        assertTrue(rows.get(1).contains("left 2 files in /tmp"), rows.get(1));
        assertTrue(rows.get(2).contains("badge timeout") && rows.get(2).contains("8.0 MiB</td><td class=\"num\">–</td>"),
                rows.get(2));
        assertTrue(html.contains("No findings"), html);

        List<String> bars = between(html, "<rect class=\"bar ", "</rect>");
        assertEquals(3, bars.size(), html);
        assertTrue(bars.get(0).startsWith("outcome-success\""), bars.get(0));
        assertTrue(bars.get(1).startsWith("outcome-error\""), bars.get(1));
        assertTrue(bars.get(2).startsWith("outcome-timeout unmeasured\""), "drawn at /tmp before it: " + bars.get(2));
        assertTrue(bars.get(1).contains("<title>#2 warm error r2: 64.0 MiB in /tmp after it</title>"), bars.get(1));
        // The full invocation's bar reaches the capacity line exactly.
        String capacityY = attribute(between(html, "<line class=\"capacity\"", "/>").get(0), "y1");
        assertEquals(capacityY, attribute(bars.get(1), "y"), html);
        assertTrue(html.contains(">capacity 64.0 MiB</text>"), html);
        for (String tick : List.of(">0 B</text>", ">16.0 MiB</text>", ">32.0 MiB</text>", ">48.0 MiB</text>",
                ">64.0 MiB</text>", ">invocation</text>", ">/tmp in use</text>", ">1</text>", ">3</text>")) {
            assertTrue(html.contains(tick), tick + " in\n" + html);
        }
    }

    @Test
    void anUnknownCapacityDrawsNoLineAndSaysSo() {
        String html = HtmlReport.render(snapshot(List.of(), List.of(invocation("r1", true, "running", 0, -1)), 0));
        assertEquals(1, between(html, "<rect class=\"bar ", "</rect>").size(), html);
        assertFalse(html.contains("class=\"capacity\""), html);
        assertTrue(html.contains("The capacity of /tmp is not known yet."), html);
    }

    static Map<String, Object> snapshot(List<Map<String, Object>> findings, List<Map<String, Object>> invocations,
            long capacity) {
        Map<String, Object> snapshot = new LinkedHashMap<>();
        snapshot.put("agent", new LinkedHashMap<>(Map.of("version", "0.1.0", "mode", "observe")));
        snapshot.put("runtime", new LinkedHashMap<>(Map.of("platform", "aws-lambda", "java", "17.0.15", "pid", 42L)));
        snapshot.put("findings", findings);
        snapshot.put("invocations", invocations);
        snapshot.put("ignored", List.of());
        Map<String, Object> tmp = new LinkedHashMap<>();
        tmp.put("capacityBytes", capacity > 0 ? capacity : null);
        snapshot.put("tmp", tmp);
        return snapshot;
    }

    private static Map<String, Object> finding(String rule, String severity, String message, String type,
            String method, int line, long count) {
        Map<String, Object> finding = new LinkedHashMap<>();
        finding.put("rule", rule);
        finding.put("severity", severity);
        finding.put("message", message);
        finding.put("fix", "Fix " + rule);
        finding.put("count", count);
        finding.put("callSite", new LinkedHashMap<>(Map.of("class", type, "method", method,
                "file", type.substring(type.lastIndexOf('.') + 1) + ".java", "line", line)));
        finding.put("stack", List.of());
        finding.put("detail", Map.of());
        finding.put("firstSeenEpochMs", 1L);
        finding.put("invocation", null);
        return finding;
    }

    /** @param after -1 when it was not measured (the invocation timed out or still runs) */
    private static Map<String, Object> invocation(String id, boolean cold, String outcome, long before, long after) {
        Map<String, Object> invocation = new LinkedHashMap<>();
        invocation.put("id", id);
        invocation.put("coldStart", cold);
        invocation.put("startEpochMs", 1L);
        invocation.put("deadlineEpochMs", null);
        invocation.put("durationMs", 12L);
        invocation.put("outcome", outcome);
        invocation.put("tmpBytesBefore", before);
        invocation.put("tmpBytesAfter", after >= 0 ? after : null);
        invocation.put("tmpFilesLeaked", List.of());
        invocation.put("findings", List.of());
        return invocation;
    }

    private static List<String> between(String text, String start, String end) {
        List<String> found = new ArrayList<>();
        for (int at = text.indexOf(start); at >= 0; at = text.indexOf(start, at + 1)) {
            int from = at + start.length();
            found.add(text.substring(from, text.indexOf(end, from)));
        }
        return found;
    }

    private static String attribute(String element, String name) {
        Matcher value = Pattern.compile("\\b" + name + "=\"([^\"]*)\"").matcher(element);
        assertTrue(value.find(), name + " in " + element);
        return value.group(1);
    }
}
