package dev.faasguard.agent.report;

import dev.faasguard.agent.finding.CallSite;
import dev.faasguard.agent.rule.Sizes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The report as one self-contained HTML page for people: the findings, the invocations and a chart of /tmp,
 * rendered from the same snapshot as the JSON report. Inline CSS and SVG, no script, nothing fetched; every
 * string from the snapshot is escaped, since exception messages and paths are the application's.
 */
final class HtmlReport {

    private static final String STYLE = String.join("\n",
            ":root{--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--bg:#fff;--soft:#f6f8fa;"
                    + "--error:#b42318;--error-bg:#fee4e2;--warning:#93370d;--warning-bg:#fef0c7;"
                    + "--ok:#067647;--ok-bg:#dcfae6;--timeout:#c4320a;--crash:#6941c6;--running:#667085}",
            "*{box-sizing:border-box}",
            "body{margin:0;font:15px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,'Helvetica Neue',Arial,sans-serif;"
                    + "color:var(--fg);background:var(--bg)}",
            "header,main{max-width:1280px;margin:0 auto;padding:0 24px}",
            "header{padding-top:24px}",
            "h1{font-size:26px;margin:0 0 4px}",
            "h2{font-size:20px;margin:32px 0 8px;padding-bottom:4px;border-bottom:1px solid var(--line)}",
            ".meta{color:var(--muted);margin:0 0 16px}",
            ".tiles{display:flex;flex-wrap:wrap;gap:12px;margin:0;padding:0;list-style:none}",
            ".tiles li{border:1px solid var(--line);border-radius:8px;padding:8px 14px;background:var(--soft)}",
            ".tiles b{font-size:22px;margin-right:6px}",
            ".tiles .error{border-color:var(--error);background:var(--error-bg)}",
            ".tiles .warning{border-color:#f79009;background:var(--warning-bg)}",
            ".scroll{overflow-x:auto}",
            "table{border-collapse:collapse;width:100%;font-size:14px}",
            "th,td{text-align:left;vertical-align:top;padding:8px 10px;border-bottom:1px solid var(--line)}",
            "th{background:var(--soft);font-weight:600;white-space:nowrap}",
            "td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}",
            "tr.severity-error td:first-child{border-left:4px solid var(--error)}",
            "tr.severity-warning td:first-child{border-left:4px solid #f79009}",
            "code,pre{font:13px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}",
            "code{overflow-wrap:anywhere}",
            "td.rule code{white-space:nowrap}",
            "td.message{min-width:16em}td.call-site{min-width:15em}td.fix{min-width:14em}",
            "pre{margin:6px 0 0;padding:8px;background:var(--soft);border-radius:6px;overflow-x:auto}",
            "details summary{cursor:pointer;color:var(--muted);font-size:13px}",
            "dl{margin:6px 0 0;display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;font-size:13px}",
            "dt{color:var(--muted)}dd{margin:0;overflow-wrap:anywhere}",
            ".badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;font-weight:600;"
                    + "white-space:nowrap}",
            ".badge.error{color:var(--error);background:var(--error-bg)}",
            ".badge.warning{color:var(--warning);background:var(--warning-bg)}",
            ".badge.success{color:var(--ok);background:var(--ok-bg)}",
            ".badge.timeout{color:#fff;background:var(--timeout)}",
            ".badge.crash{color:#fff;background:var(--crash)}",
            ".badge.running{color:#fff;background:var(--running)}",
            ".fix{color:var(--muted)}",
            ".empty{color:var(--muted);font-style:italic}",
            ".chart{width:100%;max-width:1100px;height:auto;display:block;margin:8px 0 16px}",
            ".chart .grid{stroke:#eaeef2}.chart .axis{stroke:var(--muted)}",
            ".chart .tick{font-size:12px;fill:var(--muted)}.chart .axis-label{font-size:13px;fill:var(--fg)}",
            ".chart .capacity{stroke:var(--error);stroke-width:2;stroke-dasharray:8 5}",
            ".chart .capacity-label{font-size:13px;fill:var(--error);font-weight:600}",
            ".chart .bar{fill:#2e90fa}.chart .outcome-error{fill:var(--error)}",
            ".chart .outcome-timeout{fill:var(--timeout)}.chart .outcome-crash{fill:var(--crash)}",
            ".chart .outcome-running{fill:var(--running)}.chart .unmeasured{fill-opacity:.45}",
            "footer{max-width:1280px;margin:32px auto;padding:0 24px;color:var(--muted);font-size:13px}");

    private final StringBuilder html = new StringBuilder(16 * 1024);

    private HtmlReport() {}

    static String render(Map<String, Object> snapshot) {
        return new HtmlReport().page(snapshot);
    }

    private String page(Map<String, Object> snapshot) {
        List<Map<String, Object>> findings = maps(snapshot.get("findings"));
        List<Map<String, Object>> invocations = maps(snapshot.get("invocations"));
        Map<String, Object> agent = map(snapshot.get("agent"));
        Map<String, Object> runtime = map(snapshot.get("runtime"));
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>FaaSGuard report</title><style>\n").append(STYLE).append("\n</style></head><body>\n");
        html.append("<header><h1>FaaSGuard report</h1><p class=\"meta\">agent ").append(text(agent.get("version")))
                .append(" · mode ").append(text(agent.get("mode")))
                .append(" · platform ").append(text(runtime.get("platform")))
                .append(" · Java ").append(text(runtime.get("java")))
                .append(" · pid ").append(text(runtime.get("pid")))
                .append(" · written ").append(Instant.ofEpochMilli(System.currentTimeMillis())).append("</p>\n");
        summary(findings, invocations);
        html.append("</header>\n<main>\n");
        findings(findings);
        invocations(invocations, map(snapshot.get("tmp")));
        ignored(maps(snapshot.get("ignored")));
        html.append("</main>\n<footer>Written by the FaaSGuard agent; rewritten after every invocation and at exit."
                + " The same data is in the JSON report.</footer>\n</body></html>\n");
        return html.toString();
    }

    private void summary(List<Map<String, Object>> findings, List<Map<String, Object>> invocations) {
        int errors = 0;
        for (Map<String, Object> finding : findings) {
            if ("error".equals(finding.get("severity"))) {
                errors++;
            }
        }
        int failed = 0;
        for (Map<String, Object> invocation : invocations) {
            if (!"success".equals(invocation.get("outcome")) && !"running".equals(invocation.get("outcome"))) {
                failed++;
            }
        }
        int warnings = findings.size() - errors;
        html.append("<ul class=\"tiles\">");
        tile(errors, errors == 1 ? "error" : "errors", errors > 0 ? "error" : null);
        tile(warnings, warnings == 1 ? "warning" : "warnings", warnings > 0 ? "warning" : null);
        tile(invocations.size(), invocations.size() == 1 ? "invocation" : "invocations", null);
        tile(failed, "failed or timed out", failed > 0 ? "error" : null);
        html.append("</ul>\n");
    }

    private void tile(int count, String what, String highlight) {
        html.append(highlight == null ? "<li>" : "<li class=\"" + highlight + "\">").append("<b>").append(count)
                .append("</b>").append(what).append("</li>");
    }

    private void findings(List<Map<String, Object>> findings) {
        html.append("<section id=\"findings\"><h2>Findings</h2>\n");
        if (findings.isEmpty()) {
            html.append("<p class=\"empty\">No findings: nothing broke a rule.</p></section>\n");
            return;
        }
        html.append("<div class=\"scroll\"><table class=\"findings\"><thead><tr><th>Rule</th><th>Severity</th>")
                .append("<th>Message</th><th>Call site</th><th>Count</th><th>Fix</th></tr></thead><tbody>\n");
        for (Map<String, Object> finding : findings) {
            String severity = text(finding.get("severity"));
            List<Object> stack = list(finding.get("stack"));
            html.append("<tr class=\"finding severity-").append(severity).append("\">")
                    .append("<td class=\"rule\"><code>").append(text(finding.get("rule"))).append("</code></td>")
                    .append("<td><span class=\"badge ").append(severity).append("\">").append(severity)
                    .append("</span></td><td class=\"message\">").append(text(finding.get("message")));
            detail(map(finding.get("detail")), finding.get("invocation"));
            html.append("</td><td class=\"call-site\"><code>").append(text(frame(map(finding.get("callSite")))))
                    .append("</code><details class=\"stack\"><summary>stack (").append(stack.size())
                    .append(stack.size() == 1 ? " frame" : " frames").append(")</summary><pre>");
            for (Object frame : stack) {
                html.append(text(frame)).append('\n');
            }
            html.append("</pre></details></td><td class=\"num count\">").append(text(finding.get("count")))
                    .append("</td><td class=\"fix\">").append(text(finding.get("fix"))).append("</td></tr>\n");
        }
        html.append("</tbody></table></div></section>\n");
    }

    private void detail(Map<String, Object> detail, Object invocation) {
        if (detail.isEmpty() && invocation == null) {
            return;
        }
        html.append("<details class=\"detail\"><summary>details</summary><dl>");
        if (invocation != null) {
            html.append("<dt>first in invocation</dt><dd><code>").append(text(invocation)).append("</code></dd>");
        }
        for (Map.Entry<String, Object> entry : detail.entrySet()) {
            Object value = entry.getValue();
            String shown = value instanceof Map<?, ?> || value instanceof List<?> ? new JsonWriter().toJson(value)
                    : String.valueOf(value);
            html.append("<dt>").append(text(entry.getKey())).append("</dt><dd>").append(text(shown)).append("</dd>");
        }
        html.append("</dl></details>");
    }

    private void invocations(List<Map<String, Object>> invocations, Map<String, Object> tmp) {
        html.append("<section id=\"invocations\"><h2>Invocations</h2>\n");
        if (invocations.isEmpty()) {
            html.append("<p class=\"empty\">No invocations: the agent saw no Lambda runtime client and no"
                    + " configured handler.</p></section>\n");
            return;
        }
        long capacity = number(tmp.get("capacityBytes"), -1);
        html.append("<h3>/tmp in use after each invocation</h3>\n");
        List<TmpChart.Bar> bars = new ArrayList<>(invocations.size());
        for (int i = 0; i < invocations.size(); i++) {
            Map<String, Object> invocation = invocations.get(i);
            long after = number(invocation.get("tmpBytesAfter"), -1);
            long before = number(invocation.get("tmpBytesBefore"), 0);
            bars.add(new TmpChart.Bar(i + 1, String.valueOf(invocation.get("id")),
                    Boolean.TRUE.equals(invocation.get("coldStart")), String.valueOf(invocation.get("outcome")),
                    after >= 0 ? after : before, after >= 0));
        }
        html.append(TmpChart.svg(bars, capacity)).append('\n');
        if (capacity <= 0) {
            html.append("<p class=\"empty\">The capacity of /tmp is not known yet.</p>\n");
        }
        html.append("<div class=\"scroll\"><table class=\"invocations\"><thead><tr><th>#</th><th>Request id</th>")
                .append("<th>Start</th><th>Outcome</th><th>Duration</th><th>/tmp before</th><th>/tmp after</th>")
                .append("<th>Findings first seen</th></tr></thead><tbody>\n");
        for (int i = 0; i < invocations.size(); i++) {
            Map<String, Object> invocation = invocations.get(i);
            String outcome = text(invocation.get("outcome"));
            html.append("<tr class=\"invocation\"><td class=\"num\">").append(i + 1).append("</td><td><code>")
                    .append(text(invocation.get("id"))).append("</code></td><td class=\"start\">")
                    .append(Boolean.TRUE.equals(invocation.get("coldStart")) ? "cold" : "warm")
                    .append("</td><td class=\"outcome\"><span class=\"badge ").append(outcome).append("\">")
                    .append(outcome).append("</span></td><td class=\"num\">")
                    .append(text(invocation.get("durationMs"))).append(" ms</td><td class=\"num\">")
                    .append(bytes(invocation.get("tmpBytesBefore"))).append("</td><td class=\"num\">")
                    .append(bytes(invocation.get("tmpBytesAfter"))).append("</td><td class=\"invocation-findings\">");
            for (Object fired : list(invocation.get("findings"))) {
                html.append("<code>").append(text(fired)).append("</code><br>");
            }
            int leaked = list(invocation.get("tmpFilesLeaked")).size();
            if (leaked > 0) {
                html.append("<span class=\"fix\">left ").append(leaked).append(leaked == 1 ? " file" : " files")
                        .append(" in /tmp</span>");
            }
            html.append("</td></tr>\n");
        }
        html.append("</tbody></table></div></section>\n");
    }

    private void ignored(List<Map<String, Object>> ignored) {
        if (ignored.isEmpty()) {
            return;
        }
        html.append("<section id=\"ignored\"><h2>Silenced by ignore</h2><div class=\"scroll\"><table><thead><tr>")
                .append("<th>Pattern</th><th>Rule</th><th>Count</th></tr></thead><tbody>\n");
        for (Map<String, Object> row : ignored) {
            html.append("<tr><td><code>").append(text(row.get("pattern"))).append("</code></td><td><code>")
                    .append(text(row.get("rule"))).append("</code></td><td class=\"num\">")
                    .append(text(row.get("count"))).append("</td></tr>\n");
        }
        html.append("</tbody></table></div></section>\n");
    }

    /** As a stack trace prints it, from the report's callSite fields. */
    private static String frame(Map<String, Object> site) {
        return new CallSite(String.valueOf(site.get("class")), String.valueOf(site.get("method")),
                site.get("file") == null ? null : String.valueOf(site.get("file")),
                (int) number(site.get("line"), -1)).frame();
    }

    private static String bytes(Object value) {
        long bytes = number(value, -1);
        return bytes < 0 ? "–" : Html.escape(Sizes.human(bytes));
    }

    private static String text(Object value) {
        return Html.escape(value == null ? "" : value);
    }

    private static long number(Object value, long otherwise) {
        return value instanceof Number number ? number.longValue() : otherwise;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return value instanceof List<?> list ? (List<Object>) list : List.of();
    }

    private static List<Map<String, Object>> maps(Object value) {
        List<Map<String, Object>> maps = new ArrayList<>();
        for (Object item : list(value)) {
            maps.add(map(item));
        }
        return maps;
    }
}
