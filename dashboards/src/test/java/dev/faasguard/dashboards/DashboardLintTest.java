package dev.faasguard.dashboards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faasguard.agent.rule.RuleCatalog;
import dev.faasguard.agent.rule.RuleDescription;
import dev.faasguard.agent.rule.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The conventions of a well-kept Grafana dashboard, checked on every dashboard in {@code dashboards/}: valid JSON
 * in the classic model (schemaVersion 39+), a fixed uid, stable and unique panel ids, a data-source variable and no
 * data-source uid written in, a unit and a description on every panel, {@code $__rate_interval} in every range of a
 * graph, the {@code job}/{@code instance} labels on every selector, only metrics and labels the agent exports, and
 * the fix of every rule the agent has, word for word.
 */
class DashboardLintTest {

    /** The uid and panel ids are part of the dashboards' interface (links, alerts, viewPanel=): they never change. */
    private static final Map<String, Map<Integer, String>> STABLE_IDS = Map.of(
            "faasguard-fleet", ids(
                    1, "Findings",
                    2, "Findings in the time range",
                    3, "Findings per rule",
                    4, "Findings per function",
                    5, "Functions with the most findings",
                    6, "Rules broken most often",
                    7, "Invocations",
                    8, "Invocations, cold and warm",
                    9, "Failed, timed-out and crashed invocations",
                    10, "Share of invocations that did not succeed",
                    11, "/tmp",
                    12, "/tmp per function: usage, capacity and time until full",
                    13, "/tmp used, share of capacity"),
            "faasguard-function", ids(
                    1, "Findings",
                    2, "Findings by rule and call site",
                    3, "Findings by rule",
                    4, "/tmp",
                    5, "/tmp growth per invocation",
                    6, "/tmp usage and capacity",
                    7, "Time until /tmp is full",
                    8, "Calls that block",
                    9, "Blocked time by operation",
                    10, "Blocked time in the time range",
                    11, "Blocked call duration, 95th percentile",
                    12, "Invocations",
                    13, "Invocation duration percentiles",
                    14, "Invocations by outcome",
                    15, "Traces (Tempo)",
                    16, "FaaSGuard spans"));

    /** Grafana's own variables a query may use. */
    private static final Set<String> BUILT_IN = Set.of("__rate_interval", "__interval", "__interval_ms", "__range",
            "__range_s", "__range_ms", "__from", "__to", "__url_time_range");
    /** Grafana unit ids (packages/grafana-data/src/valueFormats/categories.ts) a FaaSGuard panel has reason to use. */
    private static final Set<String> UNITS = Set.of("none", "short", "percent", "percentunit", "bytes", "decbytes",
            "s", "ms", "µs", "ns", "m", "h", "d", "dtdurations", "dtdurationms", "cps", "ops", "reqps", "cpm", "opm",
            "Bps", "locale", "string");
    private static final Set<String> PANEL_TYPES = Set.of("row", "timeseries", "stat", "bargauge", "table");
    private static final Pattern DASHBOARD_LINK = Pattern.compile("/d/([A-Za-z0-9_-]+)");
    private static final Pattern UID = Pattern.compile("[A-Za-z0-9_-]{1,40}");
    private static final Pattern DATASOURCE_VARIABLE = Pattern.compile("\\$\\{(\\w+)}");

    private static Path directory;
    private static List<Dashboard> dashboards;

    @BeforeAll
    static void load() throws IOException {
        String dir = System.getProperty("faasguard.dashboards.dir");
        directory = Path.of(dir != null ? dir : ".").toAbsolutePath().normalize();
        dashboards = Dashboard.loadAll(directory);
    }

    static Stream<Dashboard> dashboards() throws IOException {
        load();
        return dashboards.stream();
    }

    @Test
    void theTwoDashboardsAreThere() {
        assertEquals(List.of("faasguard-fleet", "faasguard-function"),
                dashboards.stream().map(Dashboard::uid).sorted().toList(), "dashboards in " + directory);
    }

    @Test
    void aKeyGivenTwiceIsNotValidJson() throws IOException {
        Path twice = Files.createTempFile("dashboard-", ".json");
        try {
            Files.writeString(twice, "{\"uid\": \"a\", \"uid\": \"b\", \"panels\": []}");
            assertThrows(IOException.class, () -> Dashboard.load(twice));
        } finally {
            Files.delete(twice);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dashboards")
    void classicModelWithAFixedUid(Dashboard d) {
        JsonNode json = d.json();
        assertTrue(json.path("schemaVersion").asInt() >= 39, d + ": schemaVersion 39 or newer (Grafana 10+)");
        assertTrue(UID.matcher(String.valueOf(d.uid())).matches(), d + ": a fixed uid of at most 40 [A-Za-z0-9_-]");
        assertTrue(STABLE_IDS.containsKey(d.uid()), d + ": the uid is one of " + STABLE_IDS.keySet());
        assertTrue(json.has("id") && json.get("id").isNull(), d + ": \"id\": null, so the import does not clash");
        assertFalse(d.title().isBlank(), d + ": a title");
        assertFalse(json.path("description").asText().isBlank(), d + ": a description");
        assertTrue(json.path("tags").toString().contains("\"faasguard\""), d + ": tagged faasguard");
        assertFalse(json.has("__inputs"), d + ": no __inputs: the data source is a variable, not an import input");
        assertTrue(json.path("editable").isBoolean(), d + ": editable set");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dashboards")
    void panelIdsAreUniqueAndStable(Dashboard d) {
        Map<Integer, String> actual = new TreeMap<>();
        for (Dashboard.Panel p : d.panels()) {
            assertTrue(p.id() > 0, p + ": a positive id");
            String before = actual.put(p.id(), p.title());
            assertEquals(null, before, d + ": panel id " + p.id() + " used twice (\"" + before + "\", \"" + p.title() + "\")");
        }
        assertEquals(new TreeMap<>(STABLE_IDS.get(d.uid())), actual,
                d + ": panel ids are stable; a new panel takes a new id, a removed panel's id is not reused");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dashboards")
    void everyPanelHasATitleAUnitAndADescription(Dashboard d) {
        for (Dashboard.Panel p : d.panels()) {
            assertTrue(PANEL_TYPES.contains(p.type()), p + ": a core panel type of Grafana 10, one of " + PANEL_TYPES);
            assertFalse(p.title().isBlank(), p + ": a title");
            if (p.isRow()) {
                continue;
            }
            assertTrue(p.description().length() >= 40, p + ": a description that says what the panel shows");
            assertTrue(UNITS.contains(p.unit()), p + ": a unit (fieldConfig.defaults.unit) from " + UNITS
                    + ", not '" + p.unit() + "'");
            assertFalse(p.queries().isEmpty(), p + ": at least one query");
            Set<String> refIds = new HashSet<>();
            for (Dashboard.Query q : p.queries()) {
                assertTrue(refIds.add(q.refId()) && !q.refId().isBlank(), q + ": a refId unique in its panel");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dashboards")
    void panelsTileTheGridWithoutOverlapping(Dashboard d) {
        List<int[]> top = new ArrayList<>();
        Map<String, List<int[]>> inRows = new LinkedHashMap<>();
        for (Dashboard.Panel p : d.panels()) {
            JsonNode g = p.json().path("gridPos");
            int[] r = {g.path("x").asInt(-1), g.path("y").asInt(-1), g.path("w").asInt(0), g.path("h").asInt(0), p.id()};
            assertTrue(r[0] >= 0 && r[1] >= 0 && r[2] > 0 && r[3] > 0 && r[0] + r[2] <= 24, p + ": gridPos within 24 columns");
            List<int[]> layer = p.row() == null ? top : inRows.computeIfAbsent(p.row(), k -> new ArrayList<>());
            for (int[] o : layer) {
                boolean overlap = r[0] < o[0] + o[2] && o[0] < r[0] + r[2] && r[1] < o[1] + o[3] && o[1] < r[1] + r[3];
                assertFalse(overlap, p + " overlaps panel " + o[4]);
            }
            layer.add(r);
        }
    }

    /** Every data source is a variable of type datasource: nothing names a data source uid of one Grafana. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dashboards")
    void noDataSourceUidIsWrittenIn(Dashboard d) {
        Map<String, String> datasourceVariables = new TreeMap<>();
        for (Dashboard.Variable v : d.variables()) {
            if (v.type().equals("datasource")) {
                datasourceVariables.put(v.name(), v.query());
            }
        }
        assertEquals("prometheus", datasourceVariables.get("datasource"),
                d + ": a variable named datasource, of type datasource, for Prometheus");
        walk(d.json(), "", (path, node) -> {
            if (!path.endsWith("/datasource")) {
                return;
            }
            assertTrue(node.isObject(), d + " " + path + ": a {type, uid} object, not a data source name: " + node);
            Matcher uid = DATASOURCE_VARIABLE.matcher(node.path("uid").asText(""));
            assertTrue(uid.matches(), d + " " + path + ": the uid must be a data-source variable such as ${datasource},"
                    + " not " + node.path("uid"));
            String plugin = datasourceVariables.get(uid.group(1));
            assertNotNull(plugin, d + " " + path + ": ${" + uid.group(1) + "} is not a data-source variable");
            assertEquals(plugin, node.path("type").asText(), d + " " + path + ": type matches the variable's plugin");
        });
        for (Dashboard.Panel p : d.panels()) {
            if (p.isRow()) {
                continue;
            }
            JsonNode ds = p.json().path("datasource");
            assertTrue(ds.isObject(), p + ": a data source");
            for (Dashboard.Query q : p.queries()) {
                assertEquals(ds, q.json().path("datasource"), q + ": the panel's data source");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dashboards")
    void variablesAreWellFormed(Dashboard d) {
        Set<String> names = new HashSet<>();
        for (Dashboard.Variable v : d.variables()) {
            String what = d + " variable " + v.name();
            assertTrue(v.name().matches("[a-z][a-zA-Z0-9_]*") && names.add(v.name()), what + ": a unique name");
            assertFalse(v.label().isBlank(), what + ": a label");
            assertFalse(v.json().path("description").asText().isBlank(), what + ": a description");
            assertTrue(v.json().path("hide").isInt(), what + ": hide set");
            switch (v.type()) {
                case "datasource" -> {
                    assertTrue(Set.of("prometheus", "tempo").contains(v.query()), what + ": a plugin id");
                    assertFalse(v.multi() || v.includeAll(), what + ": one data source");
                }
                case "query" -> {
                    assertEquals("{\"type\":\"prometheus\",\"uid\":\"${datasource}\"}", v.json().path("datasource").toString(),
                            what + ": queries ${datasource}");
                    assertTrue(v.query().startsWith("label_values("), what + ": a label_values() query");
                    assertEquals(v.query(), v.json().path("definition").asText(), what + ": definition is the query");
                    assertTrue(Set.of(1, 2).contains(v.json().path("refresh").asInt()), what + ": refreshed on load or on"
                            + " time range change");
                    if (v.includeAll()) {
                        assertEquals(".+", v.allValue(), what + ": All is .+ (not the list of every value)");
                    }
                    checkMetricsAndLabels(what, v.query());
                }
                default -> fail(what + ": unexpected type " + v.type());
            }
        }
        Dashboard.Variable function = d.variable("function");
        assertNotNull(function, d + ": a function variable");
        assertEquals("label_values(faasguard_invocations_total, job)", function.query(), d + ": functions are jobs");

        // Every variable used is defined, and every variable defined is used.
        Set<String> used = new TreeSet<>();
        walk(d.json(), "", (path, node) -> {
            if (node.isTextual() && !path.startsWith("/templating/list/") || node.isTextual()
                    && path.matches("/templating/list/\\d+/(query(/query)?|definition|datasource/uid)")) {
                used.addAll(Dashboard.variablesIn(node.asText()));
            }
        });
        Set<String> defined = d.variables().stream().map(Dashboard.Variable::name).collect(Collectors.toSet());
        for (String name : used) {
            assertTrue(defined.contains(name) || BUILT_IN.contains(name), d + ": $" + name + " is not defined");
        }
        for (String name : defined) {
            assertTrue(used.contains(name), d + ": variable " + name + " is never used");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dashboards")
    void everyRangeIsTheRateIntervalOrTheTimeRange(Dashboard d) {
        int rates = 0;
        for (Dashboard.Query q : d.prometheusQueries()) {
            String expr = q.expr();
            assertNotNull(expr, q + ": a PromQL expr");
            // A graph's ranges follow the scrape interval ($__rate_interval: at least four scrapes); only an instant
            // query that totals the whole time range (a stat, a table) may use $__range.
            Set<String> allowed = q.instant() ? Set.of("$__rate_interval", "$__range") : Set.of("$__rate_interval");
            for (String range : PromQl.ranges(expr)) {
                assertTrue(allowed.contains(range.strip()), q + ": range [" + range + "] must be one of " + allowed);
                rates++;
            }
            for (String offset : PromQl.offsets(expr)) {
                assertTrue(allowed.contains(offset), q + ": offset " + offset + " must be one of " + allowed);
            }
            assertFalse(PromQl.withoutStrings(expr).matches(".*\\b(rate|irate|increase)\\s*\\((?![^\\[]*\\[\\$__).*"),
                    q + ": rate, irate and increase take [$__rate_interval]");
        }
        assertTrue(rates > 0, d + ": no range at all?");
    }

    /** Every selector reads a series the agent exports, on the function's job (and, in the drill-down, instance). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dashboards")
    void everySelectorIsOnTheFunctionsJobAndAMetricTheAgentExports(Dashboard d) {
        boolean drillDown = d.variable("instance") != null;
        for (Dashboard.Query q : d.prometheusQueries()) {
            String expr = q.expr();
            String bare = PromQl.withoutStrings(expr);
            List<PromQl.Selector> selectors = PromQl.selectors(expr);
            assertFalse(selectors.isEmpty(), q + ": reads no metric");
            int metricNames = Dashboard.metricsIn(bare).size();
            assertTrue(metricNames > 0, q + ": reads no faasguard metric");
            Matcher bareName = Pattern.compile("\\b(faasguard_\\w+)\\b(?!\\s*\\{)").matcher(bare);
            if (bareName.find()) {
                fail(q + ": " + bareName.group(1) + " without a {job=...} selector");
            }
            for (PromQl.Selector s : selectors) {
                String what = q + ": " + s.metric();
                assertTrue(AgentMetrics.SERIES.containsKey(s.metric()), what + " is not a series the agent exports: "
                        + AgentMetrics.SERIES.keySet());
                List<String> job = s.matchers().get("job");
                assertEquals(List.of(drillDown ? "=\"$function\"" : "=~\"$function\""), job, what + ": on the function's job");
                if (drillDown) {
                    assertEquals(List.of("=~\"$instance\""), s.matchers().get("instance"), what + ": on $instance");
                }
            }
            checkMetricsAndLabels(q.toString(), expr);
        }
    }

    /** Together, the dashboards show every series family the agent exports. */
    @Test
    void everyMetricTheAgentExportsIsOnADashboard() {
        Set<String> shown = new TreeSet<>();
        for (Dashboard d : dashboards) {
            for (Dashboard.Query q : d.prometheusQueries()) {
                Dashboard.metricsIn(q.expr()).forEach(m -> shown.add(AgentMetrics.family(m)));
            }
        }
        Set<String> exported = AgentMetrics.SERIES.keySet().stream().map(AgentMetrics::family)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(exported, shown);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dashboards")
    void linksGoToTheseDashboards(Dashboard d) {
        Set<String> uids = dashboards.stream().map(Dashboard::uid).collect(Collectors.toSet());
        int[] links = {0};
        walk(d.json(), "", (path, node) -> {
            if (node.isTextual() && path.endsWith("/url")) {
                Matcher m = DASHBOARD_LINK.matcher(node.asText());
                assertTrue(m.find(), d + " " + path + ": a link to a dashboard: " + node.asText());
                assertTrue(uids.contains(m.group(1)), d + " " + path + ": no dashboard with uid " + m.group(1));
                links[0]++;
            }
        });
        assertTrue(links[0] > 0, d + ": links to the other dashboard");
    }

    /**
     * The findings table explains each finding: its Fix column maps every rule id of the agent to that rule's fix,
     * word for word, and its Severity column every severity.
     */
    @Test
    void theFindingsTableGivesTheFixOfEveryRule() {
        Dashboard drillDown = dashboards.stream().filter(d -> d.uid().equals("faasguard-function")).findFirst().orElseThrow();
        Dashboard.Panel table = drillDown.panels().stream().filter(p -> p.id() == 2).findFirst().orElseThrow();
        String expr = table.queries().get(0).expr();
        assertEquals(List.of("fix", "rule"), PromQl.labelReplace(expr), table + ": the rule copied into a fix column");

        Map<String, String> fixes = new TreeMap<>();
        optionsOfMapping(table, "Fix").fields().forEachRemaining(e -> fixes.put(e.getKey(), e.getValue().path("text").asText()));
        Map<String, String> expected = new TreeMap<>();
        for (RuleDescription rule : RuleCatalog.descriptions()) {
            expected.put(rule.id(), rule.fix());
        }
        assertEquals(expected, fixes, table + ": the Fix value mappings are the agent's fixes");

        Set<String> severities = new TreeSet<>();
        optionsOfMapping(table, "Severity").fieldNames().forEachRemaining(severities::add);
        assertEquals(Arrays.stream(Severity.values()).map(Severity::id).collect(Collectors.toCollection(TreeSet::new)),
                severities, table + ": a colour for every severity");
    }

    @Test
    void provisioningFilesAreReadyToDropIn() throws IOException {
        Path dashboardsYaml = directory.resolve("provisioning/dashboards/faasguard.yaml");
        Path datasourceYaml = directory.resolve("provisioning/datasources/prometheus.yaml");
        for (Path yaml : List.of(dashboardsYaml, datasourceYaml)) {
            List<String> lines = Files.readAllLines(yaml).stream()
                    .filter(l -> !l.isBlank() && !l.stripLeading().startsWith("#")).toList();
            assertEquals("apiVersion: 1", lines.get(0), yaml + ": Grafana provisioning, apiVersion 1");
            for (String line : lines) {
                assertFalse(line.contains("\t"), yaml + ": YAML is indented with spaces: " + line);
            }
        }
        String providers = Files.readString(dashboardsYaml);
        assertTrue(providers.contains("\nproviders:\n"), dashboardsYaml + ": a providers list");
        assertTrue(providers.contains("    type: file\n"), dashboardsYaml + ": a file provider");
        assertTrue(providers.matches("(?s).*\n      path: /\\S+\n.*"), dashboardsYaml + ": the directory of the JSON files");
        String datasources = Files.readString(datasourceYaml);
        assertTrue(datasources.contains("\ndatasources:\n"), datasourceYaml + ": a datasources list");
        assertTrue(datasources.contains("    type: prometheus\n"), datasourceYaml + ": a Prometheus data source");
        assertTrue(datasources.matches("(?s).*\n    url: https?://\\S+\n.*"), datasourceYaml + ": its URL");
    }

    /** The lint is not vacuous: each of these breaks of convention, made in a copy of a dashboard, is caught. */
    @Test
    void theLintCatchesBrokenConventions() throws IOException {
        Dashboard fleet = dashboards.stream().filter(d -> d.uid().equals("faasguard-fleet")).findFirst().orElseThrow();
        Dashboard drillDown = dashboards.stream().filter(d -> d.uid().equals("faasguard-function")).findFirst().orElseThrow();
        assertCaught(fleet, "/panels/2/targets/0/expr", e -> e.replaceFirst("\\$__rate_interval]", "5m]"),
                this::everyRangeIsTheRateIntervalOrTheTimeRange, "range [5m]");
        assertCaught(fleet, "/panels/3/fieldConfig/defaults/unit", u -> "", this::everyPanelHasATitleAUnitAndADescription,
                "a unit");
        assertCaught(fleet, "/panels/3/description", u -> "", this::everyPanelHasATitleAUnitAndADescription,
                "a description");
        assertCaught(fleet, "/panels/4/datasource/uid", u -> "P1809F7CD0C75ACF3", this::noDataSourceUidIsWrittenIn,
                "P1809F7CD0C75ACF3");
        assertCaught(fleet, "/panels/5/targets/0/expr", e -> e.replace("faasguard_findings_total", "faasguard_finding_total"),
                this::everySelectorIsOnTheFunctionsJobAndAMetricTheAgentExports, "faasguard_finding_total");
        assertCaught(fleet, "/panels/8/targets/0/expr", e -> e.replace("by (job, outcome)", "by (job, result)"),
                this::everySelectorIsOnTheFunctionsJobAndAMetricTheAgentExports, "no metric here has the label result");
        assertCaught(fleet, "/panels/12/id", id -> "12", this::panelIdsAreUniqueAndStable, "used twice");
        assertCaught(fleet, "/schemaVersion", v -> "38", this::classicModelWithAFixedUid, "schemaVersion");
        assertCaught(drillDown, "/panels/2/targets/0/expr", e -> e.replaceFirst(", instance=~\"\\$instance\"", ""),
                this::everySelectorIsOnTheFunctionsJobAndAMetricTheAgentExports, "on $instance");
        assertCaught(drillDown, "/panels/2/targets/0/expr", e -> e.replace("$instance", "$environment"),
                this::variablesAreWellFormed, "$environment is not defined");
        assertCaught(drillDown, "/templating/list/2/definition", q -> q.replace("$function", "$fn"),
                this::variablesAreWellFormed, "definition is the query");
    }

    private static void assertCaught(Dashboard dashboard, String pointer, java.util.function.UnaryOperator<String> change,
            java.util.function.Consumer<Dashboard> check, String expectedMessage) throws IOException {
        JsonNode copy = dashboard.json().deepCopy();
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = copy.at(pointer.substring(0, slash));
        String field = pointer.substring(slash + 1);
        JsonNode old = copy.at(pointer);
        assertFalse(old.isMissingNode(), pointer + " in " + dashboard);
        String changed = change.apply(old.asText());
        assertFalse(changed.equals(old.asText()), "the change to " + pointer + " changes nothing");
        com.fasterxml.jackson.databind.node.ObjectNode object = (com.fasterxml.jackson.databind.node.ObjectNode) parent;
        if (old.isInt()) {
            object.put(field, Integer.parseInt(changed));
        } else {
            object.put(field, changed);
        }
        Path file = Files.createTempFile("broken-", ".json");
        try {
            Files.writeString(file, copy.toPrettyString());
            Dashboard broken = Dashboard.load(file);
            AssertionError caught = assertThrows(AssertionError.class, () -> check.accept(broken),
                    "the lint misses a change of " + pointer + " to '" + changed + "'");
            assertTrue(caught.getMessage().contains(expectedMessage),
                    "caught for another reason than " + expectedMessage + ": " + caught.getMessage());
        } finally {
            Files.delete(file);
        }
    }

    // ------------------------------------------------------------------------------------------------------------

    /** The metrics of a PromQL expression are the agent's, and the labels it names are labels those metrics carry. */
    private static void checkMetricsAndLabels(String what, String expr) {
        Set<String> labels = new HashSet<>(AgentMetrics.COMMON);
        for (String metric : Dashboard.metricsIn(PromQl.withoutStrings(expr))) {
            Set<String> own = AgentMetrics.SERIES.get(metric);
            assertNotNull(own, what + ": " + metric + " is not a series the agent exports: " + AgentMetrics.SERIES.keySet());
            labels.addAll(own);
        }
        for (PromQl.Selector s : PromQl.selectors(expr)) {
            for (String label : s.matchers().keySet()) {
                Set<String> carried = new HashSet<>(AgentMetrics.COMMON);
                carried.addAll(AgentMetrics.SERIES.getOrDefault(s.metric(), Set.of()));
                assertTrue(carried.contains(label), what + ": " + s.metric() + " has no label " + label);
            }
        }
        for (String label : PromQl.groupingLabels(expr)) {
            assertTrue(labels.contains(label), what + ": no metric here has the label " + label);
        }
        Matcher labelValues = Pattern.compile("label_values\\((?:[^,]*,)?\\s*(\\w+)\\s*\\)").matcher(expr);
        if (labelValues.find()) {
            assertTrue(labels.contains(labelValues.group(1)), what + ": no label " + labelValues.group(1));
        }
        List<String> replaced = PromQl.labelReplace(expr);
        if (!replaced.isEmpty()) {
            assertTrue(labels.contains(replaced.get(1)), what + ": label_replace reads no label " + replaced.get(1));
        }
    }

    private static JsonNode optionsOfMapping(Dashboard.Panel table, String column) {
        for (JsonNode override : table.json().path("fieldConfig").path("overrides")) {
            if (column.equals(override.path("matcher").path("options").asText())) {
                for (JsonNode property : override.path("properties")) {
                    if (property.path("id").asText().equals("mappings")) {
                        return property.path("value").path(0).path("options");
                    }
                }
            }
        }
        throw new AssertionError(table + ": no value mappings on the " + column + " column");
    }


    /** Visits every node of the tree with its JSON pointer. */
    private static void walk(JsonNode node, String path, BiConsumer<String, JsonNode> visitor) {
        visitor.accept(path, node);
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                walk(e.getValue(), path + "/" + e.getKey(), visitor);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), path + "/" + i, visitor);
            }
        }
    }

    private static Map<Integer, String> ids(Object... idAndTitle) {
        Map<Integer, String> ids = new LinkedHashMap<>();
        for (int i = 0; i < idAndTitle.length; i += 2) {
            ids.put((Integer) idAndTitle[i], (String) idAndTitle[i + 1]);
        }
        return ids;
    }
}
