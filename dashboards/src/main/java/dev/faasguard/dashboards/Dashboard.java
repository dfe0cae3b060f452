package dev.faasguard.dashboards;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One Grafana dashboard in the classic JSON model, as the tests read it: its panels (those inside rows included),
 * each panel's queries, and its template variables. Parsing is strict: a key given twice in an object is an error.
 *
 * <pre>{@code
 * for (Dashboard d : Dashboard.loadAll(Path.of("dashboards"))) {
 *     for (Dashboard.Query q : d.prometheusQueries()) {
 *         String promql = Dashboard.interpolate(q.expr(), Map.of("function", "document-split", "__rate_interval", "1m"));
 *     }
 * }
 * }</pre>
 */
public final class Dashboard {

    private static final ObjectMapper STRICT = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    /** {@code $name}, {@code ${name}}, {@code ${name:format}} and {@code [[name]]}, as Grafana writes variables. */
    private static final Pattern VARIABLE = Pattern.compile("\\$(\\w+)|\\$\\{(\\w+)(?::([^}]*))?}|\\[\\[(\\w+)(?::[^]]*)?]]");
    private static final Pattern METRIC = Pattern.compile("\\b(faasguard_\\w+|target_info)\\b");

    private final Path file;
    private final JsonNode json;
    private final List<Panel> panels;
    private final List<Variable> variables;

    private Dashboard(Path file, JsonNode json) {
        this.file = file;
        this.json = json;
        List<Panel> all = new ArrayList<>();
        for (JsonNode panel : json.path("panels")) {
            all.add(new Panel(this, panel, null));
            for (JsonNode nested : panel.path("panels")) {
                all.add(new Panel(this, nested, panel.path("title").asText(null)));
            }
        }
        this.panels = Collections.unmodifiableList(all);
        List<Variable> vars = new ArrayList<>();
        for (JsonNode variable : json.path("templating").path("list")) {
            vars.add(new Variable(variable));
        }
        this.variables = Collections.unmodifiableList(vars);
    }

    /** Reads one dashboard; fails on invalid JSON and on a key repeated in an object. */
    public static Dashboard load(Path file) throws IOException {
        return new Dashboard(file, STRICT.readTree(file.toFile()));
    }

    /** Every {@code *.json} directly in {@code directory}, by file name. */
    public static List<Dashboard> loadAll(Path directory) throws IOException {
        List<Dashboard> dashboards = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList()) {
                dashboards.add(load(f));
            }
        }
        if (dashboards.isEmpty()) {
            throw new IOException("no dashboard (*.json) in " + directory.toAbsolutePath());
        }
        return dashboards;
    }

    public Path file() {
        return file;
    }

    public JsonNode json() {
        return json;
    }

    public String uid() {
        return json.path("uid").asText(null);
    }

    public String title() {
        return json.path("title").asText(null);
    }

    /** Every panel in layout order; a row is followed by the panels it holds when collapsed. */
    public List<Panel> panels() {
        return panels;
    }

    public List<Variable> variables() {
        return variables;
    }

    public Variable variable(String name) {
        return variables.stream().filter(v -> name.equals(v.name())).findFirst().orElse(null);
    }

    /** The queries of every panel. */
    public List<Query> queries() {
        return panels.stream().flatMap(p -> p.queries().stream()).toList();
    }

    /** The queries that go to a Prometheus data source: every panel's PromQL. */
    public List<Query> prometheusQueries() {
        return queries().stream().filter(q -> "prometheus".equals(q.datasourceType())).toList();
    }

    @Override
    public String toString() {
        return file.getFileName() + " (" + uid() + ")";
    }

    /**
     * Replaces the variables named in {@code values} as Grafana does ({@code $name}, {@code ${name}},
     * {@code ${name:format}}, {@code [[name]]}); anything else that starts with {@code $}, such as
     * {@code label_replace}'s {@code "$1"}, is left alone.
     */
    public static String interpolate(String text, Map<String, String> values) {
        Matcher m = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(4);
            String value = values.get(name);
            m.appendReplacement(out, Matcher.quoteReplacement(value != null ? value : m.group()));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The names of the variables {@code text} refers to ({@code $__rate_interval} gives {@code __rate_interval}). */
    public static Set<String> variablesIn(String text) {
        Set<String> names = new TreeSet<>();
        Matcher m = VARIABLE.matcher(text);
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(4);
            if (!name.chars().allMatch(Character::isDigit)) {
                names.add(name);
            }
        }
        return names;
    }

    /** The metric names ({@code faasguard_*}, {@code target_info}) a PromQL expression reads. */
    public static Set<String> metricsIn(String promql) {
        Set<String> names = new TreeSet<>();
        Matcher m = METRIC.matcher(promql);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** A panel; {@code row} is the title of the collapsed row that holds it, or null. */
    public record Panel(Dashboard dashboard, JsonNode json, String row) {

        public int id() {
            return json.path("id").asInt(-1);
        }

        public String title() {
            return json.path("title").asText("");
        }

        public String type() {
            return json.path("type").asText("");
        }

        public boolean isRow() {
            return "row".equals(type());
        }

        public String description() {
            return json.path("description").asText("");
        }

        public String unit() {
            return json.path("fieldConfig").path("defaults").path("unit").asText("");
        }

        public List<Query> queries() {
            List<Query> queries = new ArrayList<>();
            for (JsonNode target : json.path("targets")) {
                queries.add(new Query(this, target));
            }
            return queries;
        }

        @Override
        public String toString() {
            return "panel " + id() + " \"" + title() + "\" of " + dashboard;
        }
    }

    /** One target of a panel: its data source (the panel's unless the target names one) and, for PromQL, expr. */
    public record Query(Panel panel, JsonNode json) {

        public String refId() {
            return json.path("refId").asText("");
        }

        private JsonNode datasource() {
            JsonNode own = json.path("datasource");
            return own.isObject() ? own : panel.json().path("datasource");
        }

        public String datasourceType() {
            return datasource().path("type").asText(null);
        }

        public String datasourceUid() {
            return datasource().path("uid").asText(null);
        }

        /** The PromQL, or null for a query that has none (a Tempo search). */
        public String expr() {
            return json.hasNonNull("expr") ? json.get("expr").asText() : null;
        }

        /** Evaluated at the end of the time range only ({@code /api/v1/query}), not over it. */
        public boolean instant() {
            return json.path("instant").asBoolean(false) && !json.path("range").asBoolean(false);
        }

        @Override
        public String toString() {
            return panel + " query " + refId() + ": " + Objects.requireNonNullElse(expr(), json.toString());
        }
    }

    /** A template variable. */
    public record Variable(JsonNode json) {

        public String name() {
            return json.path("name").asText("");
        }

        public String type() {
            return json.path("type").asText("");
        }

        public String label() {
            return json.path("label").asText("");
        }

        /** The query: the plugin id for a data-source variable, the PromQL variable query for a query variable. */
        public String query() {
            JsonNode q = json.path("query");
            return q.isObject() ? q.path("query").asText("") : q.asText("");
        }

        public boolean multi() {
            return json.path("multi").asBoolean(false);
        }

        public boolean includeAll() {
            return json.path("includeAll").asBoolean(false);
        }

        public String allValue() {
            return json.path("allValue").asText(null);
        }
    }
}
