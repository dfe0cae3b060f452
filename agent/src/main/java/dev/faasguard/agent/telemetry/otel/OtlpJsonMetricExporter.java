package dev.faasguard.agent.telemetry.otel;

import io.opentelemetry.exporter.internal.otlp.metrics.MetricsRequestMarshaler;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.metrics.ConfigurableMetricExporterProvider;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import java.util.Collection;

/** {@code OTEL_METRICS_EXPORTER=logging-otlp}: metrics as OTLP JSON lines on stdout, cumulative. */
public final class OtlpJsonMetricExporter extends OtlpJsonExporter implements MetricExporter {

    OtlpJsonMetricExporter(OtlpJsonLines lines) {
        super(lines);
    }

    @Override
    public CompletableResultCode export(Collection<MetricData> metrics) {
        return lines.write(MetricsRequestMarshaler.create(metrics));
    }

    @Override
    public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
        return AggregationTemporality.CUMULATIVE;
    }

    /** Found by the SDK's autoconfigure through META-INF/services. */
    public static final class Provider implements ConfigurableMetricExporterProvider {
        @Override
        public MetricExporter createExporter(ConfigProperties config) {
            return new OtlpJsonMetricExporter(OtlpJsonLines.STDOUT);
        }

        @Override
        public String getName() {
            return "logging-otlp";
        }
    }
}
