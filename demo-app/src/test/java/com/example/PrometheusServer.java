package com.example;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Prometheus server for a test: {@code /usr/bin/prometheus} (the Debian package {@code prometheus}) started on
 * a free loopback port with a configuration of its own (scraping each job's target every second) and a data
 * directory of its own, both deleted by {@link #close()}, which also stops the process.
 *
 * <pre>{@code
 * PrometheusServer.assumeInstalled();                       // skips loudly, or fails under CI=true
 * int port = PrometheusServer.freePort();                   // for the agent's exporter
 * try (PrometheusServer prometheus = PrometheusServer.start(Map.of("document-split", "127.0.0.1:" + port))) {
 *     ... run the function ...
 *     prometheus.awaitScrape("document-split", Instant.now(), Duration.ofSeconds(30));
 *     List<JsonNode> series = prometheus.query("faasguard_invocations_total");   // data.result of /api/v1/query
 * }
 * }</pre>
 */
public final class PrometheusServer implements AutoCloseable {

    /** Where the Debian package installs it; {@code -Dfaasguard.prometheus=/path} for another one. */
    public static final Path BINARY = Path.of(System.getProperty("faasguard.prometheus", "/usr/bin/prometheus"));
    public static final Duration SCRAPE_INTERVAL = Duration.ofSeconds(1);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final Path directory;
    private final Path log;
    private final int port;
    private final Map<String, String> jobs;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Thread shutdownHook;
    private boolean closed;

    private PrometheusServer(Process process, Path directory, Path log, int port, Map<String, String> jobs) {
        this.process = process;
        this.directory = directory;
        this.log = log;
        this.port = port;
        this.jobs = jobs;
        this.shutdownHook = new Thread(this::stopProcess, "prometheus-server-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Aborts the calling test with a loud message when Prometheus is not installed; under {@code CI=true} fails
     * instead, as CI installs it ({@code .ci/run}).
     */
    public static void assumeInstalled() {
        if (Files.isExecutable(BINARY)) {
            return;
        }
        String why = "Prometheus is not installed at " + BINARY + " (apt-get install -y prometheus)";
        if ("true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("CI=true but " + why);
        }
        System.err.println("\n*** SKIPPED: " + why + " ***\n");
        Assumptions.abort(why);
    }

    /** A TCP port free on 127.0.0.1 right now. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    /**
     * Starts Prometheus scraping every target each {@link #SCRAPE_INTERVAL}, and returns once it is ready.
     *
     * @param jobs scrape job name (the {@code job} label; name it after the function) to its target,
     *             {@code host:port} of a {@code /metrics} endpoint; may be empty
     */
    public static PrometheusServer start(Map<String, String> jobs) throws IOException, InterruptedException {
        assumeInstalled();
        Map<String, String> copy = new LinkedHashMap<>(jobs);
        IOException last = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            int port = freePort();
            Path directory = Files.createTempDirectory("faasguard-prometheus-");
            Path config = directory.resolve("prometheus.yml");
            Files.writeString(config, config(copy));
            Path log = directory.resolve("prometheus.log");
            Process process = new ProcessBuilder(BINARY.toString(),
                    "--config.file=" + config,
                    "--storage.tsdb.path=" + directory.resolve("data"),
                    "--web.listen-address=127.0.0.1:" + port,
                    "--storage.tsdb.retention.time=1d")
                    .directory(directory.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            process.getOutputStream().close();
            PrometheusServer server = new PrometheusServer(process, directory, log, port, copy);
            try {
                server.awaitReady();
                return server;
            } catch (IOException e) {
                last = e;
                String output = server.log();
                server.close();
                if (!output.contains("address already in use")) {
                    throw e;
                }
            }
        }
        throw last;
    }

    /** The configuration: one job per function, a static target each, scraped every second. */
    static String config(Map<String, String> jobs) {
        long seconds = SCRAPE_INTERVAL.toSeconds();
        StringBuilder yaml = new StringBuilder()
                .append("global:\n")
                .append("  scrape_interval: ").append(seconds).append("s\n")
                .append("  scrape_timeout: ").append(seconds).append("s\n")
                .append("  evaluation_interval: ").append(seconds).append("s\n")
                .append("scrape_configs:");
        if (jobs.isEmpty()) {
            yaml.append(" []\n");
            return yaml.toString();
        }
        yaml.append('\n');
        for (Map.Entry<String, String> job : jobs.entrySet()) {
            yaml.append("  - job_name: ").append(quoted(job.getKey())).append('\n')
                    .append("    static_configs:\n")
                    .append("      - targets: [").append(quoted(job.getValue())).append("]\n");
        }
        return yaml.toString();
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** {@code http://127.0.0.1:<port>}: the web UI and HTTP API. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    /** The server's own output so far (its log), for failure messages. */
    public String log() {
        try {
            return Files.isRegularFile(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    private void awaitReady() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() - deadline < 0) {
            if (!process.isAlive()) {
                throw new IOException("prometheus exited with status " + process.exitValue() + " before it was ready:\n"
                        + log());
            }
            try {
                HttpResponse<String> ready = http.send(HttpRequest.newBuilder(url().resolve("/-/ready"))
                        .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IOException("prometheus was not ready within " + START_TIMEOUT.toSeconds() + " s:\n" + log());
    }

    /**
     * Waits until the job's target has been scraped successfully at a time after {@code after}: what the target
     * exposed at {@code after} is then in Prometheus.
     */
    public void awaitScrape(String job, Instant after, Duration timeout) throws IOException, InterruptedException {
        if (!jobs.containsKey(job)) {
            throw new IllegalArgumentException("no job " + job + " in " + jobs.keySet());
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode target = null;
        while (System.nanoTime() - deadline < 0) {
            target = target(job);
            if (target != null && "up".equals(target.path("health").asText())
                    && OffsetDateTime.parse(target.path("lastScrape").asText()).toInstant().isAfter(after)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("Prometheus did not scrape job " + job + " (" + jobs.get(job) + ") after " + after
                + " within " + timeout.toSeconds() + " s; the target: " + target + "\nprometheus log:\n" + log());
    }

    /** {@link #awaitScrape} for every job. */
    public void awaitScrapes(Instant after, Duration timeout) throws IOException, InterruptedException {
        for (String job : jobs.keySet()) {
            awaitScrape(job, after, timeout);
        }
    }

    /** The job's active target from {@code /api/v1/targets}: health, lastScrape, lastError, labels; null if none. */
    public JsonNode target(String job) throws IOException, InterruptedException {
        for (JsonNode t : get("/api/v1/targets?state=active").path("activeTargets")) {
            if (job.equals(t.path("labels").path("job").asText())) {
                return t;
            }
        }
        return null;
    }

    /** An instant query at the current time: {@code data.result} of {@code /api/v1/query}. */
    public List<JsonNode> query(String promql) throws IOException, InterruptedException {
        return query(promql, null);
    }

    /**
     * An instant query: {@code data.result} of {@code /api/v1/query} (for a vector, one element per series with
     * {@code metric} and {@code value}). A query Prometheus rejects throws an {@link IOException} with its error.
     *
     * @param at the evaluation time, or null for now
     */
    public List<JsonNode> query(String promql, Instant at) throws IOException, InterruptedException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("query", promql);
        if (at != null) {
            form.put("time", String.format(java.util.Locale.ROOT, "%.3f", at.toEpochMilli() / 1000.0));
        }
        JsonNode data = post("/api/v1/query", form);
        List<JsonNode> result = new ArrayList<>();
        JsonNode r = data.path("result");
        if ("scalar".equals(data.path("resultType").asText()) || "string".equals(data.path("resultType").asText())) {
            result.add(r);
        } else {
            r.forEach(result::add);
        }
        return result;
    }

    /** The values of a label on the series that match {@code selector}: what Grafana's label_values() lists. */
    public List<String> labelValues(String label, String selector) throws IOException, InterruptedException {
        List<String> values = new ArrayList<>();
        get("/api/v1/label/" + label + "/values?match[]=" + URLEncoder.encode(selector, StandardCharsets.UTF_8))
                .forEach(v -> values.add(v.asText()));
        return values;
    }

    private JsonNode get(String pathAndQuery) throws IOException, InterruptedException {
        return data(http.send(HttpRequest.newBuilder(url().resolve(pathAndQuery)).timeout(REQUEST_TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.ofString()), pathAndQuery);
    }

    private JsonNode post(String path, Map<String, String> form) throws IOException, InterruptedException {
        StringBuilder body = new StringBuilder();
        for (Map.Entry<String, String> field : form.entrySet()) {
            if (body.length() > 0) {
                body.append('&');
            }
            body.append(field.getKey()).append('=').append(URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8));
        }
        return data(http.send(HttpRequest.newBuilder(url().resolve(path)).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                HttpResponse.BodyHandlers.ofString()), path + " " + form);
    }

    private static JsonNode data(HttpResponse<String> response, String request) throws IOException {
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IOException("HTTP " + response.statusCode() + " for " + request + ": " + response.body(), e);
        }
        if (!"success".equals(body.path("status").asText())) {
            throw new IOException("Prometheus answered " + response.statusCode() + " " + body.path("errorType").asText()
                    + ": " + body.path("error").asText() + "\n  for " + request);
        }
        return body.path("data");
    }

    /** Stops Prometheus (SIGTERM, then SIGKILL after 10 s) and deletes its configuration and data. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopProcess();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs or has run
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            System.err.println("PrometheusServer: could not delete " + directory + ": " + e);
        }
    }

    private void stopProcess() {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        for (ProcessHandle child : tree) {
            child.destroyForcibly();
        }
    }
}
