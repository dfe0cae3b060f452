/**
 * An export job run on Lambda Managed Instances, where one environment serves several invocations at once
 * ({@code AWS_LAMBDA_MAX_CONCURRENCY}), on Java 21 or later.
 *
 * <p>{@link com.example.exports.ExportHandler} writes each export to a CSV file in {@code /tmp} from a shared thread
 * pool and never deletes it, so the shared {@code /tmp} fills up across invocations; and an export it has to wait
 * for is joined with no timeout: that invocation hangs, and since the platform does not kill it, it holds its
 * runtime thread for good. {@link com.example.exports.FixedExportHandler} is its corrected twin.
 */
package com.example.exports;
