package com.example.field.powertools;

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
 * What the agent costs the correct Powertools function ({@link ShippingQuoteHandler}: Log4j 2 JSON logging and EMF
 * metrics woven in with AspectJ), deployed as in {@link PowertoolsFunctionIT}: {@link FieldBenchmark#compare} on
 * each JDK, one cold start and nine warm invocations per environment. Not part of {@code mvn verify} (not an
 * {@code *IT}) and skipped unless {@code -Dfield.bench=true}; run by bench/field-suite.sh. {@code field.bench.runs}:
 * environments per variant (5); {@code field.bench.out}: a file the rows are appended to.
 */
class PowertoolsFunctionBenchmark {

    private static final String MODULE = "powertools-function";
    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final int INVOCATIONS = 10;
    private static final List<String> ZONES = List.of("eu", "domestic", "world");

    @Test
    void agentCost() throws IOException {
        Assumptions.assumeTrue(FieldBenchmark.enabled(),
                "a benchmark, run by bench/field-suite.sh: set -Dfield.bench=true to run it");
        int runs = FieldBenchmark.runs();
        List<String> events = IntStream.range(0, INVOCATIONS).mapToObj(i -> String.format(
                "{\"orderId\":\"S-%d\",\"zone\":\"%s\",\"weightGrams\":%d}", i + 1, ZONES.get(i % ZONES.size()),
                400 + 300 * i)).toList();
        FieldRun.Function function = FieldRun.Function.of(ShippingQuoteHandler.class.getName() + "::handleRequest",
                TIMEOUT).env("POWERTOOLS_SERVICE_NAME", "shipping");
        for (Path jdk : FieldRun.jdks().toList()) {
            FieldBenchmark.measure(MODULE + ": " + ShippingQuoteHandler.class.getSimpleName(), jdk, function, events, runs);
        }
    }
}
