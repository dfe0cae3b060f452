package com.example.field.aws;

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
 * What the agent costs the correct receipt functions ({@link TunedReceiptFunction}, {@link
 * ApiTimeoutOnlyReceiptFunction}), deployed as in {@link ReceiptFunctionIT} against the same local fakes of S3 and
 * DynamoDB: {@link FieldBenchmark#compare} on each JDK, one cold start and nine warm invocations per environment.
 * Not part of {@code mvn verify} (not an {@code *IT}) and skipped unless {@code -Dfield.bench=true}; run by
 * bench/field-suite.sh. {@code field.bench.runs}: environments per variant (5); {@code field.bench.out}: a file the
 * rows are appended to.
 */
class ReceiptFunctionBenchmark {

    private static final String MODULE = "aws-sdk-function";
    private static final Duration FUNCTION_TIMEOUT = Duration.ofSeconds(15);
    private static final String BUCKET = "receipts";
    private static final String TABLE = "orders";
    private static final int INVOCATIONS = 10;

    @Test
    void agentCost() throws IOException {
        Assumptions.assumeTrue(FieldBenchmark.enabled(),
                "a benchmark, run by bench/field-suite.sh: set -Dfield.bench=true to run it");
        int runs = FieldBenchmark.runs();
        try (FakeAws aws = FakeAws.start()) {
            List<String> keys = IntStream.rangeClosed(1, INVOCATIONS)
                    .mapToObj(i -> String.format("2024/06/order-%d.csv", 2000 + i)).toList();
            for (int i = 0; i < keys.size(); i++) {
                aws.putObject(BUCKET, keys.get(i), "# till " + (i % 4 + 1) + "\nA-100," + (i + 1) + ",950\n"
                        + "B-200,1,2350\n");
            }
            List<String> events = keys.stream()
                    .map(key -> "{\"bucket\":\"" + BUCKET + "\",\"key\":\"" + key + "\"}").toList();
            for (Class<?> handler : List.of(TunedReceiptFunction.class, ApiTimeoutOnlyReceiptFunction.class)) {
                FieldRun.Function function = FieldRun.Function
                        .of(handler.getName() + "::handleRequest", FUNCTION_TIMEOUT)
                        .env("AWS_ACCESS_KEY_ID", "AKIAFIELDSUITE000001")
                        .env("AWS_SECRET_ACCESS_KEY", "field/suite/secret/not/a/real/key/000000")
                        .env("ORDERS_TABLE", TABLE)
                        .env("FIELD_S3_ENDPOINT", aws.s3Endpoint())
                        .env("FIELD_DYNAMODB_ENDPOINT", aws.dynamoDbEndpoint());
                for (Path jdk : FieldRun.jdks().toList()) {
                    FieldBenchmark.measure(MODULE + ": " + handler.getSimpleName(), jdk, function, events, runs);
                }
            }
        }
    }
}
