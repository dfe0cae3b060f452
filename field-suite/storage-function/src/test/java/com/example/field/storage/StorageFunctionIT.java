package com.example.field.storage;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faasguard.field.FieldRun;
import dev.faasguard.field.FieldRun.Run;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The storage functions (HikariCP over H2, sqlite-jdbc) deployed as Lambda runs them, each for a cold start and two
 * warm invocations, with the agent and without: the same outcomes; the twins silent (sqlite-jdbc's {@code uname}
 * while it loads its driver and HikariCP's idle housekeeper and connection-adder threads are no findings); the H2
 * file database next to the code one {@code write-outside-tmp} at the application's line that opened the
 * connection.
 */
class StorageFunctionIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private static final List<String> ORDERS = List.of(
            "{\"orderId\":\"o-1001\",\"customer\":\"alice\",\"sku\":\"kb-101\",\"quantity\":2,\"unitPriceCents\":4999}",
            "{\"orderId\":\"o-1002\",\"customer\":\"alice\",\"sku\":\"ms-220\",\"quantity\":1,\"unitPriceCents\":2599}",
            "{\"orderId\":\"o-1003\",\"customer\":\"bob\",\"sku\":\"kb-101\",\"quantity\":1,\"unitPriceCents\":4999}");

    private static final List<String> QUOTES = List.of(
            "{\"sku\":\"kb-101\",\"supplier\":\"acme\",\"priceCents\":4999}",
            "{\"sku\":\"kb-101\",\"supplier\":\"globex\",\"priceCents\":4750}",
            "{\"sku\":\"kb-101\",\"supplier\":\"initech\",\"priceCents\":5125}");

    static Stream<Path> jdks() {
        return FieldRun.jdks();
    }

    /** H2 in memory behind HikariCP: every order stored, and not one finding. */
    @ParameterizedTest
    @MethodSource("jdks")
    void ordersInMemoryAreSilent(Path jdk) throws IOException {
        Run with = both(jdk, OrdersFunction.class, ORDERS);
        assertAll(
                () -> assertEquals(List.of(
                        "SUCCESS {\"statusCode\":201,\"orderId\":\"o-1001\",\"customer\":\"alice\",\"customerOrders\":1,"
                                + "\"customerTotalCents\":9998}",
                        "SUCCESS {\"statusCode\":201,\"orderId\":\"o-1002\",\"customer\":\"alice\",\"customerOrders\":2,"
                                + "\"customerTotalCents\":12597}",
                        "SUCCESS {\"statusCode\":201,\"orderId\":\"o-1003\",\"customer\":\"bob\",\"customerOrders\":1,"
                                + "\"customerTotalCents\":4999}"),
                        with.outcomes(), with::toString),
                () -> assertEquals(List.of(), with.findings(), with::summary));
    }

    /**
     * H2 in file mode next to the code: the pool cannot start on the read-only task root, each invocation answers
     * 503, and the agent reports it at the line that asked the pool for a connection: the database opened outside
     * /tmp (embedded-db-outside-tmp, with its file), and H2's own write there (write-outside-tmp, via H2).
     */
    @ParameterizedTest
    @MethodSource("jdks")
    void ordersInTheTaskRootAreOneWriteOutsideTmp(Path jdk) throws IOException {
        Run with = both(jdk, OrdersTaskRootFunction.class, ORDERS);
        String site = FieldRun.frame(OrdersTaskRootFunction.class, "handleRequest", "h2-file");
        List<JsonNode> writes = with.findings("write-outside-tmp");
        List<Executable> checks = new ArrayList<>();
        checks.add(() -> failsAsOnLambda(with, "orders database unavailable"));
        checks.add(() -> assertEquals(1, writes.size(), () -> "one write-outside-tmp finding\n" + with.summary()));
        List<JsonNode> databases = with.findings("embedded-db-outside-tmp");
        checks.add(() -> assertEquals(1, databases.size(), () -> "one embedded-db-outside-tmp finding\n" + with.summary()));
        checks.add(() -> assertEquals(2, with.findings().size(), () -> "no other finding\n" + with.summary()));
        for (JsonNode database : databases) {
            checks.add(() -> assertEquals(site, FieldRun.frame(database.get("callSite")), () -> describe(database)));
            checks.add(() -> assertTrue(database.path("detail").path("file").asText().endsWith("/data/orders.mv.db"),
                    () -> describe(database)));
        }
        for (JsonNode write : writes) {
            checks.add(() -> assertEquals(site, FieldRun.frame(write.get("callSite")), () -> describe(write)));
            checks.add(() -> assertTrue(write.get("count").asLong() >= ORDERS.size(),
                    () -> "a count of at least one per invocation: " + describe(write)));
            checks.add(() -> assertTrue(write.path("detail").path("via").asText().startsWith("org.h2."),
                    () -> "detail.via in org.h2: " + describe(write)));
        }
        assertAll(checks);
    }

    /**
     * SQLite under /tmp: every quote stored, and not one finding, though the first connection makes sqlite-jdbc
     * run {@code uname} (Process.waitFor()) and unpack its native library into /tmp.
     */
    @ParameterizedTest
    @MethodSource("jdks")
    void pricesInTmpAreSilent(Path jdk) throws IOException {
        Run with = both(jdk, PricesFunction.class, QUOTES);
        assertAll(
                () -> assertEquals(List.of(
                        "SUCCESS {\"statusCode\":200,\"sku\":\"kb-101\",\"quotes\":1,\"lowestCents\":4999,"
                                + "\"highestCents\":4999,\"cheapestSupplier\":\"acme\"}",
                        "SUCCESS {\"statusCode\":200,\"sku\":\"kb-101\",\"quotes\":2,\"lowestCents\":4750,"
                                + "\"highestCents\":4999,\"cheapestSupplier\":\"globex\"}",
                        "SUCCESS {\"statusCode\":200,\"sku\":\"kb-101\",\"quotes\":3,\"lowestCents\":4750,"
                                + "\"highestCents\":5125,\"cheapestSupplier\":\"globex\"}"),
                        with.outcomes(), with::toString),
                () -> assertEquals(List.of(), with.findings(), with::summary));
    }

    /**
     * SQLite next to the code: native code opens the file, so no Java file hook sees it; the agent judges the
     * connection's URL instead. The same outcomes with and without the agent, each invocation answers 503 as on
     * Lambda, and one embedded-db-outside-tmp finding at the line that asked for the connection, with the file.
     */
    @ParameterizedTest
    @MethodSource("jdks")
    void pricesInTheTaskRootAreOneEmbeddedDatabaseOutsideTmp(Path jdk) throws IOException {
        Run with = both(jdk, PricesTaskRootFunction.class, QUOTES);
        String site = FieldRun.frame(PricesTaskRootFunction.class, "handleRequest", "sqlite-file");
        List<JsonNode> databases = with.findings("embedded-db-outside-tmp");
        List<Executable> checks = new ArrayList<>();
        checks.add(() -> failsAsOnLambda(with, "price cache unavailable"));
        checks.add(() -> assertEquals(1, databases.size(), () -> "one embedded-db-outside-tmp finding\n" + with.summary()));
        for (JsonNode finding : with.findings()) {
            checks.add(() -> assertEquals(site, FieldRun.frame(finding.get("callSite")),
                    () -> "at the application's line: " + describe(finding)));
        }
        for (JsonNode database : databases) {
            checks.add(() -> assertEquals("SQLite", database.path("detail").path("database").asText(), () -> describe(database)));
            checks.add(() -> assertTrue(database.path("detail").path("file").asText().endsWith("/prices.db"),
                    () -> describe(database)));
            checks.add(() -> assertTrue(database.get("count").asLong() >= QUOTES.size(),
                    () -> "once per connection asked for: " + describe(database)));
        }
        assertAll(checks);
    }

    /**
     * Runs the handler without the agent, then with it, and requires the same outcomes; the run with the agent,
     * printed for the build log.
     */
    private static Run both(Path jdk, Class<?> handler, List<String> events) throws IOException {
        FieldRun.Function function = FieldRun.Function.of(handler.getName() + "::handleRequest", TIMEOUT);
        Run without = FieldRun.run(jdk, function, false, events);
        Run with = FieldRun.run(jdk, function, true, events);
        System.out.println("=== " + handler.getSimpleName() + "\n" + without + with);
        with.findings().forEach(finding -> System.out.println("  " + describe(finding)));
        assertEquals(without.outcomes(), with.outcomes(), () -> "outcomes differ with the agent\n" + without + with);
        return with;
    }

    /** Every invocation answered the function's 503: the database cannot be opened on the read-only task root. */
    private static void failsAsOnLambda(Run run, String error) {
        for (String outcome : run.outcomes()) {
            assertTrue(outcome.startsWith("SUCCESS {\"statusCode\":503,\"error\":\"" + error + "\""),
                    () -> "a 503 as on Lambda\n" + run);
        }
    }

    private static String describe(JsonNode finding) {
        return finding.get("rule").asText() + " at " + FieldRun.frame(finding.get("callSite")) + " x"
                + finding.get("count").asLong() + ", detail " + finding.path("detail") + ": "
                + finding.get("message").asText() + "\nstack " + finding.path("stack");
    }
}
