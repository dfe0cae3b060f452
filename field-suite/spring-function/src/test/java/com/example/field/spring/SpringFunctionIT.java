package com.example.field.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faasguard.field.FieldRun;
import dev.faasguard.lambdasim.Outcome;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The order-pricing Spring Cloud Function application under lambda-sim, deployed as Spring's AWS adapter guide
 * says (the shaded "aws" jar, Spring's FunctionInvoker as the handler, the function bean chosen with
 * {@code spring_cloud_function_definition}), with and without the agent: same outcomes; the correct function
 * silent (Spring Boot's own start-up, with its condition-evaluation thread, is not the application's mistake);
 * each mistake of the sinner found at its own line.
 */
class SpringFunctionIT {

    /** Spring's generic handler: the application code is the function bean, not the handler class. */
    private static final String HANDLER = "org.springframework.cloud.function.adapter.aws.FunctionInvoker::handleRequest";
    /** Spring's cold start takes seconds: a 30 s timeout and 1024 MB, as such functions are deployed. */
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int MEMORY_MB = 1024;

    /** A cold start and two warm invocations, each a different order. */
    private static final List<String> ORDERS = List.of(
            "{\"orderId\":\"A-1\",\"lines\":[{\"sku\":\"apple\",\"quantity\":3},{\"sku\":\"pear\",\"quantity\":2}]}",
            "{\"orderId\":\"A-2\",\"lines\":[{\"sku\":\"melon\",\"quantity\":1}]}",
            "{\"orderId\":\"A-3\",\"lines\":[{\"sku\":\"plum\",\"quantity\":4},{\"sku\":\"apple\",\"quantity\":1}]}");
    private static final List<String> RECEIPTS = List.of(
            "{\"orderId\":\"A-1\",\"items\":5,\"totalCents\":255}",
            "{\"orderId\":\"A-2\",\"items\":1,\"totalCents\":250}",
            "{\"orderId\":\"A-3\",\"items\":5,\"totalCents\":165}");

    static Stream<Path> jdks() {
        return FieldRun.jdks();
    }

    private static FieldRun.Function function(String definition) {
        return FieldRun.Function.of(HANDLER, TIMEOUT).memory(MEMORY_MB)
                .env("spring_cloud_function_definition", definition);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void correctFunctionIsSilent(Path jdk) throws Exception {
        FieldRun.Run plain = FieldRun.run(jdk, function("priceOrder"), false, ORDERS);
        FieldRun.Run guarded = FieldRun.run(jdk, function("priceOrder"), true, ORDERS);

        assertEquals(expectedOutcomes(), plain.outcomes(), plain::toString);
        assertEquals(plain.outcomes(), guarded.outcomes(), guarded::toString);
        assertTrue(guarded.findings().isEmpty(), () -> "the correct function must give no findings:\n" + guarded);
        // It did write its cache, under /tmp (made by the cold start, then overwritten in place).
        JsonNode coldStart = guarded.report().get("invocations").get(0);
        assertEquals("/tmp/orders/last-receipt.json", coldStart.get("tmpFilesLeaked").get(0).get("path").asText(),
                guarded::toString);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void eachMistakeIsFoundAtItsOwnLine(Path jdk) throws Exception {
        List<String> events = ORDERS.subList(0, 2);
        FieldRun.Run plain = FieldRun.run(jdk, function("priceOrderCached"), false, events);
        FieldRun.Run guarded = FieldRun.run(jdk, function("priceOrderCached"), true, events);

        // The cache write fails on the read-only deployment package with or without the agent; it is best effort.
        assertEquals(expectedOutcomes().subList(0, 2), plain.outcomes(), plain::toString);
        assertEquals(plain.outcomes(), guarded.outcomes(), guarded::toString);

        String cacheWrite = FieldRun.frame(PriceOrderCached.class, "apply", "cache-next-to-code");
        String auditThread = FieldRun.frame(PriceOrderCached.class, "apply", "audit-thread");
        assertEquals(Set.of("write-outside-tmp at " + cacheWrite, "work-after-response at " + auditThread),
                guarded.findingKeys(), guarded::toString);

        JsonNode write = guarded.findings("write-outside-tmp").get(0);
        assertTrue(write.get("detail").get("path").asText().endsWith("/last-receipt.json"), guarded::toString);
        assertEquals(2, write.get("count").asLong(), guarded::toString);
        JsonNode thread = guarded.findings("work-after-response").get(0);
        assertEquals("audit", thread.get("detail").get("thread").asText(), guarded::toString);
    }

    private static List<String> expectedOutcomes() {
        return RECEIPTS.stream().map(body -> Outcome.SUCCESS + " " + body).toList();
    }

}
