package com.example.field.powertools;

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
 * The shipping-quote function on Powertools for AWS Lambda (Log4j 2 JSON logging, EMF metrics, both woven in with
 * AspectJ) under lambda-sim, with and without the agent: same outcomes; the correct function silent (the metrics
 * flush waiting on its own environment detection is not the application's mistake); the sinner's two mistakes,
 * a Log4j file appender at a relative path and an untimed wait on the carrier, each found at its own line.
 */
class PowertoolsFunctionIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    /** A cold start and two warm invocations, each a different parcel. */
    private static final List<String> PARCELS = List.of(
            "{\"orderId\":\"S-1\",\"zone\":\"eu\",\"weightGrams\":1200}",
            "{\"orderId\":\"S-2\",\"zone\":\"domestic\",\"weightGrams\":400}",
            "{\"orderId\":\"S-3\",\"zone\":\"world\",\"weightGrams\":2600}");
    private static final List<String> QUOTES = List.of(
            "{\"orderId\":\"S-1\",\"zone\":\"eu\",\"baseCents\":1830,\"fuelCents\":37,\"totalCents\":1867}",
            "{\"orderId\":\"S-2\",\"zone\":\"domestic\",\"baseCents\":570,\"fuelCents\":29,\"totalCents\":599}",
            "{\"orderId\":\"S-3\",\"zone\":\"world\",\"baseCents\":5640,\"fuelCents\":51,\"totalCents\":5691}");

    static Stream<Path> jdks() {
        return FieldRun.jdks();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void correctFunctionIsSilent(Path jdk) throws Exception {
        FieldRun.Function function = FieldRun.Function
                .of("com.example.field.powertools.ShippingQuoteHandler::handleRequest", TIMEOUT)
                .env("POWERTOOLS_SERVICE_NAME", "shipping");
        FieldRun.Run plain = FieldRun.run(jdk, function, false, PARCELS);
        FieldRun.Run guarded = FieldRun.run(jdk, function, true, PARCELS);

        assertEquals(expectedOutcomes(PARCELS.size()), plain.outcomes(), plain::toString);
        assertEquals(plain.outcomes(), guarded.outcomes(), guarded::toString);
        assertTrue(guarded.findings().isEmpty(), () -> "the correct function must give no findings:\n" + guarded);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void eachMistakeIsFoundAtItsOwnLine(Path jdk) throws Exception {
        // The sinner is deployed with a Log4j configuration of its own (Log4j reads LOG4J_CONFIGURATION_FILE).
        FieldRun.Function function = FieldRun.Function
                .of("com.example.field.powertools.UntimedShippingQuoteHandler::handleRequest", TIMEOUT)
                .env("POWERTOOLS_SERVICE_NAME", "shipping")
                .env("LOG4J_CONFIGURATION_FILE", "log4j2-file.xml");
        List<String> events = PARCELS.subList(0, 2);
        FieldRun.Run plain = FieldRun.run(jdk, function, false, events);
        FieldRun.Run guarded = FieldRun.run(jdk, function, true, events);

        // Log4j reports the file it cannot create and logs on to the console: the quotes are unchanged.
        assertEquals(expectedOutcomes(events.size()), plain.outcomes(), plain::toString);
        assertEquals(plain.outcomes(), guarded.outcomes(), guarded::toString);

        // The file appender is built when Log4j configures itself, at the first logger the application makes (the
        // handler class's static LOG, in init); the library frame that creates logs/ is the finding's detail.via.
        String logFile = FieldRun.frame(ShippingQuoteHandler.class, "<clinit>", "first-logger");
        String untimedGet = FieldRun.frame(UntimedShippingQuoteHandler.class, "fuelSurchargeCents", "untimed-get");
        assertEquals(Set.of("write-outside-tmp at " + logFile, "wait-without-timeout at " + untimedGet),
                guarded.findingKeys(), guarded::toString);

        JsonNode write = guarded.findings("write-outside-tmp").get(0);
        JsonNode writeDetail = write.get("detail");
        assertTrue(writeDetail.get("path").asText().endsWith("/logs")
                || writeDetail.get("path").asText().endsWith("/logs/app.log"), guarded::toString);
        assertTrue(writeDetail.hasNonNull("via")
                && writeDetail.get("via").asText().startsWith("org.apache.logging.log4j.core."), guarded::toString);
        assertTrue(write.get("invocation").isNull(), () -> "Log4j configures itself in init:\n" + guarded);

        JsonNode wait = guarded.findings("wait-without-timeout").get(0);
        assertEquals(events.size(), wait.get("count").asLong(), guarded::toString);
        assertEquals("CompletableFuture.get", wait.get("detail").get("operation").asText(), guarded::toString);
    }

    private static List<String> expectedOutcomes(int count) {
        return QUOTES.subList(0, count).stream().map(body -> Outcome.SUCCESS + " " + body).toList();
    }

}
