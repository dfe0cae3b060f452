package com.example.field.aws;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faasguard.field.FieldRun;
import dev.faasguard.lambdasim.InvocationResult;
import dev.faasguard.lambdasim.Outcome;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The receipt function on the AWS SDK for Java 2.x, deployed as Lambda runs it, against local fakes of S3 and
 * DynamoDB ({@link FakeAws}): three receipts, one cold start and two warm invocations, with and without the agent.
 *
 * <ul>
 *   <li>{@link ReceiptFunction} keeps the SDK's default timeouts (no API call timeout, a 30 s socket timeout) in a
 *   function whose timeout is 15 s: one {@code timeout-exceeds-deadline} at each line that calls a client, the S3
 *   GetObject and the DynamoDB PutItem, seen once per invocation, with the real 30 s timeout and the SDK setting to
 *   change; nothing else.</li>
 *   <li>{@link TunedReceiptFunction}, the same with the timeouts AWS recommends below the function's: no finding at
 *   all, nothing from the SDK's own threads (its timeout scheduler, the Apache client's idle connection reaper).</li>
 *   <li>{@link ApiTimeoutOnlyReceiptFunction}, only the SDK's API call and attempt timeouts below the function's,
 *   the HTTP clients at their defaults (a 30 s socket timeout): no finding either, because the SDK ends a call at
 *   its own timers, before the socket timeout and before the deadline.</li>
 * </ul>
 */
class ReceiptFunctionIT {

    private static final Duration FUNCTION_TIMEOUT = Duration.ofSeconds(15);
    private static final String BUCKET = "receipts";
    private static final String TABLE = "orders";
    private static final String ACCESS_KEY = "AKIAFIELDSUITE000001";

    /** The receipts the tills uploaded, and what the function answers for each. */
    private static final List<String> KEYS = List.of(
            "2024/06/order-1001.csv", "2024/06/order-1002.csv", "2024/06/order-1003.csv");
    private static final Map<String, String> RECEIPTS = Map.of(
            KEYS.get(0), "# till 4, 2024-06-01\nA-100,2,950\nB-200,1,2350\nC-300,3,125\n",
            KEYS.get(1), "# till 2, 2024-06-01\nA-100,1,950\n",
            KEYS.get(2), "# till 4, 2024-06-02\nD-400,10,99\nB-200,2,2350\n");
    private static final List<String> ANSWERS = List.of(
            "order-1001: 3 lines, 6 articles, 46.25 EUR stored in orders",
            "order-1002: 1 lines, 1 articles, 9.50 EUR stored in orders",
            "order-1003: 2 lines, 12 articles, 56.90 EUR stored in orders");

    /** The SDK settings that bound a call's time; a finding about an SDK client's timeout must name one. */
    private static final List<String> SDK_SETTINGS =
            List.of("apiCallTimeout", "apiCallAttemptTimeout", "socketTimeout", "connectionTimeout");
    /** Both HTTP clients' default socket timeout. */
    private static final long DEFAULT_SOCKET_TIMEOUT_MS = 30_000;

    static Stream<Path> jdks() {
        return FieldRun.jdks();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void defaultClientTimeoutsOutlastTheFunction(Path jdk) throws Exception {
        Runs runs = runs(jdk, ReceiptFunction.class);
        runs.assertSameSuccessfulOutcomes();

        String s3Get = FieldRun.frame(ReceiptFunction.class, "handleRequest", "s3-get-default");
        String dynamoPut = FieldRun.frame(ReceiptFunction.class, "handleRequest", "dynamo-put-default");
        FieldRun.Run run = runs.withAgent();
        List<JsonNode> found = run.findings("timeout-exceeds-deadline");
        List<Executable> checks = new ArrayList<>();
        checks.add(() -> assertEquals(new TreeSet<>(Set.of(s3Get, dynamoPut)), callSites(found),
                "one timeout-exceeds-deadline at each line that calls an SDK client, at that line\n" + run));
        checks.add(() -> assertEquals(2, found.size(),
                "exactly one timeout-exceeds-deadline per call site (deduplicated by application line)\n" + run));
        checks.add(() -> assertEquals(found.size(), run.findings().size(),
                "no finding but the two timeout-exceeds-deadline (nothing from the SDK's own threads or files)\n"
                        + run));
        for (JsonNode finding : found) {
            String where = FieldRun.frame(finding.get("callSite"));
            checks.add(() -> assertEquals(KEYS.size(), finding.get("count").asLong(),
                    "seen once per invocation, one call each, at " + where + "\n" + finding.toPrettyString()));
            checks.add(() -> assertEquals(DEFAULT_SOCKET_TIMEOUT_MS, finding.path("detail").path("timeoutMs").asLong(),
                    "the real timeout (the clients' 30 s socket timeout), never a sum, at " + where + "\n"
                            + finding.toPrettyString()));
            checks.add(() -> assertTrue(namesSdkSetting(finding),
                    "the message, fix or detail names the SDK setting to change (one of " + SDK_SETTINGS + ") at "
                            + where + "\n" + finding.toPrettyString()));
        }
        assertAll("ReceiptFunction on " + jdk, checks.stream());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void timeoutsBelowTheFunctionsAreSilent(Path jdk) throws Exception {
        Runs runs = runs(jdk, TunedReceiptFunction.class);
        runs.assertSameSuccessfulOutcomes();
        assertEquals(List.of(), runs.withAgent().findings(),
                "the clients configured as AWS recommends for Lambda: no finding\n" + runs.withAgent());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void apiCallTimeoutsBelowTheFunctionsAreSilent(Path jdk) throws Exception {
        Runs runs = runs(jdk, ApiTimeoutOnlyReceiptFunction.class);
        runs.assertSameSuccessfulOutcomes();
        assertEquals(List.of(), runs.withAgent().findings(),
                "apiCallTimeout and apiCallAttemptTimeout below the function's timeout bound every call, whatever the"
                        + " HTTP clients' 30 s socket timeout: no finding\n" + runs.withAgent());
    }

    /** The function run with and without the agent, each against a fresh view of the same fakes. */
    private record Runs(FieldRun.Run withoutAgent, FieldRun.Run withAgent,
                        List<String> requestsWithout, List<String> requestsWith, List<String> keysSeen,
                        List<JsonNode> items) {

        void assertSameSuccessfulOutcomes() {
            List<String> expected = new ArrayList<>();
            for (String answer : ANSWERS) {
                expected.add(Outcome.SUCCESS + " \"" + answer + "\"");
            }
            List<String> calls = new ArrayList<>();
            for (String key : KEYS) {
                calls.add("GET /" + BUCKET + "/" + key);
                calls.add("DynamoDB_20120810.PutItem " + TABLE);
            }
            assertAll(
                    () -> assertEquals(withoutAgent.outcomes(), withAgent.outcomes(),
                            "the same outcomes with and without the agent\n" + withoutAgent + withAgent),
                    () -> assertEquals(expected, withoutAgent.outcomes(), "the receipts stored\n" + withoutAgent),
                    () -> assertEquals(List.of(true, false, false),
                            withAgent.results().stream().map(InvocationResult::coldStart).toList(),
                            "one cold start, then warm invocations of the same environment"),
                    () -> assertEquals(calls, requestsWithout, "one GetObject and one PutItem per invocation"),
                    () -> assertEquals(calls, requestsWith, "the same requests with the agent"),
                    () -> assertEquals(Set.of(ACCESS_KEY), Set.copyOf(keysSeen),
                            "every request signed with the credentials from the environment"),
                    () -> assertEquals(List.of("4625", "950", "5690"),
                            items.stream().map(i -> i.path("totalCents").path("N").asText()).toList(),
                            "the order items in DynamoDB"));
        }
    }

    private static Runs runs(Path jdk, Class<?> handler) throws Exception {
        try (FakeAws aws = FakeAws.start()) {
            RECEIPTS.forEach((key, content) -> aws.putObject(BUCKET, key, content));
            FieldRun.Function function = FieldRun.Function.of(handler.getName() + "::handleRequest", FUNCTION_TIMEOUT)
                    .env("AWS_ACCESS_KEY_ID", ACCESS_KEY)
                    .env("AWS_SECRET_ACCESS_KEY", "field/suite/secret/not/a/real/key/000000")
                    .env("ORDERS_TABLE", TABLE)
                    .env("FIELD_S3_ENDPOINT", aws.s3Endpoint())
                    .env("FIELD_DYNAMODB_ENDPOINT", aws.dynamoDbEndpoint());
            List<String> events = KEYS.stream()
                    .map(key -> "{\"bucket\":\"" + BUCKET + "\",\"key\":\"" + key + "\"}").toList();

            FieldRun.Run without = FieldRun.run(jdk, function, false, events);
            List<String> requestsWithout = aws.requests();
            List<String> keysSeen = new ArrayList<>(aws.accessKeys());
            aws.clear();
            FieldRun.Run with = FieldRun.run(jdk, function, true, events);
            keysSeen.addAll(aws.accessKeys());
            List<JsonNode> items = new ArrayList<>();
            for (String key : KEYS) {
                String order = key.substring(key.lastIndexOf('/') + 1, key.lastIndexOf('.'));
                items.add(aws.item(TABLE, "orderId", order));
            }
            System.out.println(handler.getSimpleName() + " on " + jdk + ":\n" + without + with);
            if (with.report() != null) {
                System.out.println("findings: " + with.report().get("findings").toPrettyString());
            }
            return new Runs(without, with, requestsWithout, aws.requests(), keysSeen, items);
        }
    }

    private static Set<String> callSites(List<JsonNode> findings) {
        Set<String> sites = new TreeSet<>();
        for (JsonNode finding : findings) {
            sites.add(FieldRun.frame(finding.get("callSite")));
        }
        return sites;
    }

    private static boolean namesSdkSetting(JsonNode finding) {
        String text = finding.path("message").asText() + " " + finding.path("fix").asText() + " "
                + finding.path("detail").toString();
        return SDK_SETTINGS.stream().anyMatch(text::contains);
    }
}
