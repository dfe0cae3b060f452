package dev.faasguard.agent.telemetry.otel;

import io.opentelemetry.exporter.internal.otlp.traces.TraceRequestMarshaler;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.traces.ConfigurableSpanExporterProvider;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;

/** {@code OTEL_TRACES_EXPORTER=logging-otlp}: spans as OTLP JSON lines on stdout. */
public final class OtlpJsonSpanExporter extends OtlpJsonExporter implements SpanExporter {

    OtlpJsonSpanExporter(OtlpJsonLines lines) {
        super(lines);
    }

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
        return lines.write(TraceRequestMarshaler.create(spans));
    }

    /** Found by the SDK's autoconfigure through META-INF/services. */
    public static final class Provider implements ConfigurableSpanExporterProvider {
        @Override
        public SpanExporter createExporter(ConfigProperties config) {
            return new OtlpJsonSpanExporter(OtlpJsonLines.STDOUT);
        }

        @Override
        public String getName() {
            return "logging-otlp";
        }
    }
}
