package dev.faasguard.agent.telemetry.otel;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * In production a failing warm-up is swallowed (only a head start is lost); here it must run through on the
 * SDK the agent bundles, so that an SDK upgrade that breaks it is seen.
 */
class ExportPathWarmUpTest {

    @ParameterizedTest(name = "OTLP marshalling {0}")
    @ValueSource(booleans = {true, false})
    void runsTheFirstInvocationsTelemetryPathOnTheBundledSdk(boolean otlp) {
        assertDoesNotThrow(() -> ExportPathWarmUp.run(otlp));
    }
}
