package com.example.field.storage;

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
 * What the agent costs the correct storage functions ({@link OrdersFunction}: HikariCP over H2 in memory, {@link
 * PricesFunction}: sqlite-jdbc under /tmp), deployed as in {@link StorageFunctionIT}: {@link FieldBenchmark#compare}
 * on each JDK, one cold start and nine warm invocations per environment. Not part of {@code mvn verify} (not an
 * {@code *IT}) and skipped unless {@code -Dfield.bench=true}; run by bench/field-suite.sh. {@code field.bench.runs}:
 * environments per variant (5); {@code field.bench.out}: a file the rows are appended to.
 */
class StorageFunctionBenchmark {

    private static final String MODULE = "storage-function";
    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final int INVOCATIONS = 10;
    private static final List<String> CUSTOMERS = List.of("alice", "bob", "carol");
    private static final List<String> SUPPLIERS = List.of("acme", "globex", "initech", "umbrella", "hooli");

    @Test
    void agentCost() throws IOException {
        Assumptions.assumeTrue(FieldBenchmark.enabled(),
                "a benchmark, run by bench/field-suite.sh: set -Dfield.bench=true to run it");
        int runs = FieldBenchmark.runs();
        // Each order a new one (the order id is the table's key); the quotes of five suppliers for two products.
        List<String> orders = IntStream.range(0, INVOCATIONS).mapToObj(i -> String.format(
                "{\"orderId\":\"o-%d\",\"customer\":\"%s\",\"sku\":\"kb-101\",\"quantity\":%d,"
                        + "\"unitPriceCents\":4999}", 1001 + i, CUSTOMERS.get(i % CUSTOMERS.size()), 1 + i % 3))
                .toList();
        List<String> quotes = IntStream.range(0, INVOCATIONS).mapToObj(i -> String.format(
                "{\"sku\":\"%s\",\"supplier\":\"%s\",\"priceCents\":%d}", i % 2 == 0 ? "kb-101" : "ms-220",
                SUPPLIERS.get(i / 2), 4750 + 75 * i)).toList();
        for (Class<?> handler : List.of(OrdersFunction.class, PricesFunction.class)) {
            FieldRun.Function function = FieldRun.Function.of(handler.getName() + "::handleRequest", TIMEOUT);
            List<String> events = handler == OrdersFunction.class ? orders : quotes;
            for (Path jdk : FieldRun.jdks().toList()) {
                FieldBenchmark.measure(MODULE + ": " + handler.getSimpleName(), jdk, function, events, runs);
            }
        }
    }
}
