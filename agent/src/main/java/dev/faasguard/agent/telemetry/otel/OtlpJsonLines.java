package dev.faasguard.agent.telemetry.otel;

import io.opentelemetry.exporter.internal.marshal.Marshaler;
import io.opentelemetry.sdk.common.CompletableResultCode;
import java.io.ByteArrayOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes each export request as one line of OTLP JSON on the process's standard output, where Lambda
 * ships it to CloudWatch Logs. Written to the file descriptor itself, so an application that redirects
 * {@code System.out} to its logger neither wraps nor loses the lines.
 */
final class OtlpJsonLines {

    static final OtlpJsonLines STDOUT = new OtlpJsonLines(new FileOutputStream(FileDescriptor.out));

    private final OutputStream out;

    OtlpJsonLines(OutputStream out) {
        this.out = out;
    }

    CompletableResultCode write(Marshaler request) {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try {
            request.writeJsonTo(line);
            line.write('\n');
            synchronized (this) {
                line.writeTo(out);
                out.flush();
            }
            return CompletableResultCode.ofSuccess();
        } catch (IOException | RuntimeException failure) {
            return CompletableResultCode.ofExceptionalFailure(failure);
        }
    }
}
