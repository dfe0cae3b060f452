package com.example.field.spring;

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
 * What the agent costs the correct Spring Cloud Function application (the {@code priceOrder} function bean behind
 * Spring's FunctionInvoker), deployed as in {@link SpringFunctionIT} (the shaded "aws" jar, 30 s, 1024 MB): {@link
 * FieldBenchmark#compare} on each JDK, one cold start and nine warm invocations per environment. Not part of
 * {@code mvn verify} (not an {@code *IT}) and skipped unless {@code -Dfield.bench=true}; run by
 * bench/field-suite.sh. {@code field.bench.runs}: environments per variant (5); {@code field.bench.out}: a file the
 * rows are appended to.
 */
class SpringFunctionBenchmark {

    private static final String MODULE = "spring-function";
    private static final String HANDLER =
            "org.springframework.cloud.function.adapter.aws.FunctionInvoker::handleRequest";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int MEMORY_MB = 1024;
    private static final int INVOCATIONS = 10;
    private static final List<String> ORDERS = List.of(
            "{\"orderId\":\"A-1\",\"lines\":[{\"sku\":\"apple\",\"quantity\":3},{\"sku\":\"pear\",\"quantity\":2}]}",
            "{\"orderId\":\"A-2\",\"lines\":[{\"sku\":\"melon\",\"quantity\":1}]}",
            "{\"orderId\":\"A-3\",\"lines\":[{\"sku\":\"plum\",\"quantity\":4},{\"sku\":\"apple\",\"quantity\":1}]}");

    @Test
    void agentCost() throws IOException {
        Assumptions.assumeTrue(FieldBenchmark.enabled(),
                "a benchmark, run by bench/field-suite.sh: set -Dfield.bench=true to run it");
        int runs = FieldBenchmark.runs();
        List<String> events = IntStream.range(0, INVOCATIONS).mapToObj(i -> ORDERS.get(i % ORDERS.size())).toList();
        FieldRun.Function function = FieldRun.Function.of(HANDLER, TIMEOUT).memory(MEMORY_MB)
                .env("spring_cloud_function_definition", "priceOrder");
        for (Path jdk : FieldRun.jdks().toList()) {
            FieldBenchmark.measure(MODULE + ": priceOrder", jdk, function, events, runs);
        }
    }
}
