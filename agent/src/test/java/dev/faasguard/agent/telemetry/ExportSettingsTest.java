package dev.faasguard.agent.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ExportSettingsTest {

    @Test
    void nothingSetExportsNothing() {
        ExportSettings settings = new ExportSettings(Map.of("OTEL_SERVICE_NAME", "checkout"), new Properties());
        assertFalse(settings.exportConfigured());
        assertEquals("none", settings.defaults().get("otel.traces.exporter"));
    }

    @Test
    void anEndpointAloneExportsBothSignalsOverOtlp() {
        ExportSettings settings = new ExportSettings(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318"), new Properties());
        assertTrue(settings.exportConfigured());
        assertEquals("otlp", settings.defaults().get("otel.traces.exporter"));
        assertEquals("otlp", settings.defaults().get("otel.metrics.exporter"));
        assertEquals("http/protobuf", settings.defaults().get("otel.exporter.otlp.protocol"));
    }

    @Test
    void otlpIsConfiguredByAnEndpointOrByNameAmongOtherExporters() {
        assertTrue(new ExportSettings(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://c:4318"), new Properties()).otlpConfigured());
        assertTrue(new ExportSettings(Map.of("OTEL_METRICS_EXPORTER", "logging-otlp, otlp"), new Properties()).otlpConfigured());
        assertFalse(new ExportSettings(Map.of("OTEL_TRACES_EXPORTER", "logging-otlp", "OTEL_METRICS_EXPORTER", "prometheus"),
                new Properties()).otlpConfigured());
        assertFalse(new ExportSettings(Map.of(), new Properties()).otlpConfigured());
    }

    @Test
    void aSignalsOwnEndpointOrExporterTurnsOnThatSignalOnly() {
        ExportSettings settings = new ExportSettings(Map.of("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://c:4318/v1/traces",
                "OTEL_METRICS_EXPORTER", "prometheus"), new Properties());
        assertEquals("otlp", settings.defaults().get("otel.traces.exporter"));
        assertEquals("prometheus", settings.defaults().get("otel.metrics.exporter"));
    }

    @Test
    void aSystemPropertyWinsOverItsVariableAndTheSdkCanBeDisabled() {
        Properties properties = new Properties();
        properties.setProperty("otel.traces.exporter", "none");
        ExportSettings settings = new ExportSettings(Map.of("OTEL_TRACES_EXPORTER", "otlp"), properties);
        assertFalse(settings.exportConfigured());
        assertFalse(new ExportSettings(Map.of("OTEL_TRACES_EXPORTER", "otlp", "OTEL_SDK_DISABLED", "true"), new Properties())
                .exportConfigured());
    }
}
