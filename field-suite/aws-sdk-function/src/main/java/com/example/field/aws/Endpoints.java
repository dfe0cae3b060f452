package com.example.field.aws;

import java.net.URI;
import java.util.Optional;

/**
 * Where the clients send their requests when the deployment overrides the region's endpoints:
 * {@code FIELD_S3_ENDPOINT} and {@code FIELD_DYNAMODB_ENDPOINT}. The integration test sets them to the local fakes of
 * S3 and DynamoDB it starts on 127.0.0.1, because the real services cannot be reached from the test machine; on AWS
 * they are unset and the SDK uses the region's endpoints.
 */
final class Endpoints {

    private Endpoints() {}

    static Optional<URI> s3() {
        return of("FIELD_S3_ENDPOINT");
    }

    static Optional<URI> dynamoDb() {
        return of("FIELD_DYNAMODB_ENDPOINT");
    }

    private static Optional<URI> of(String variable) {
        return Optional.ofNullable(System.getenv(variable)).filter(v -> !v.isBlank()).map(URI::create);
    }
}
