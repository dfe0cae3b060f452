package com.example.field.clients;

import dev.faasguard.field.FieldBenchmark;
import dev.faasguard.field.FieldRun;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * What the agent costs the correct clients functions ({@link ApacheStockFixedHandler}, {@link
 * OkHttpStockFixedHandler}, {@link ReportFixedHandler}), deployed as in {@link ClientsFunctionIT} against the same
 * local {@link StockService} (pooled connections, as in production): {@link FieldBenchmark#compare} on each JDK, one
 * cold start and nine warm invocations per environment. Not part of {@code mvn verify} (not an {@code *IT}) and
 * skipped unless {@code -Dfield.bench=true}; run by bench/field-suite.sh. {@code field.bench.runs}: environments per
 * variant (5); {@code field.bench.out}: a file the rows are appended to.
 */
class ClientsFunctionBenchmark {

    private static final String MODULE = "clients-function";
    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final int INVOCATIONS = 10;

    private static final List<String> SKUS = List.of("A-100", "B-200", "C-300");
    private static final List<String> ORDERS = List.of(
            "{\"orderId\":\"o-17\",\"lines\":[{\"sku\":\"A-100\",\"quantity\":2,\"unitPrice\":3.5},"
                    + "{\"sku\":\"C-300\",\"quantity\":1,\"unitPrice\":12.25}]}",
            "{\"orderId\":\"o-18\",\"lines\":[{\"sku\":\"B-200\",\"quantity\":4,\"unitPrice\":1.75}]}",
            "{\"orderId\":\"o-19\",\"lines\":[{\"sku\":\"A-100\",\"quantity\":1,\"unitPrice\":3.5},"
                    + "{\"sku\":\"B-200\",\"quantity\":1,\"unitPrice\":1.75},"
                    + "{\"sku\":\"C-300\",\"quantity\":3,\"unitPrice\":12.25}]}");

    @Test
    void agentCost() throws IOException {
        Assumptions.assumeTrue(FieldBenchmark.enabled(),
                "a benchmark, run by bench/field-suite.sh: set -Dfield.bench=true to run it");
        int runs = FieldBenchmark.runs();
        List<String> stockEvents = cycle(SKUS.stream().map(s -> "{\"sku\":\"" + s + "\"}").toList());
        List<String> orderEvents = cycle(ORDERS);
        try (StockService stock = new StockService()) {
            for (Class<?> handler : List.of(ApacheStockFixedHandler.class, OkHttpStockFixedHandler.class,
                    ReportFixedHandler.class)) {
                FieldRun.Function function = FieldRun.Function.of(handler.getName() + "::handleRequest", TIMEOUT)
                        .env("STOCK_SERVICE_URL", stock.url(false));
                List<String> events = handler == ReportFixedHandler.class ? orderEvents : stockEvents;
                for (Path jdk : FieldRun.jdks().toList()) {
                    FieldBenchmark.measure(MODULE + ": " + handler.getSimpleName(), jdk, function, events, runs);
                }
            }
        }
    }

    /** {@code INVOCATIONS} events, the given ones over and over. */
    private static List<String> cycle(List<String> events) {
        return IntStream.range(0, INVOCATIONS).mapToObj(i -> events.get(i % events.size())).toList();
    }
}
