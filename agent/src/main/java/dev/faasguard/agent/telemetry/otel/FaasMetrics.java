package dev.faasguard.agent.telemetry.otel;

import dev.faasguard.agent.finding.CallSite;
import dev.faasguard.agent.finding.Finding;
import dev.faasguard.agent.finding.FindingStore;
import dev.faasguard.agent.telemetry.Blocking;
import dev.faasguard.agent.invocation.InvocationEnd;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.LongHistogram;
import io.opentelemetry.api.metrics.Meter;
import java.util.List;

/**
 * The agent's metrics, names and units fixed (docs/opentelemetry.md lists them): findings, invocations and their
 * duration, SnapStart restores, /tmp usage, capacity and growth, and the time calls blocked.
 */
final class FaasMetrics {

    static final AttributeKey<String> RULE = AttributeKey.stringKey("rule");
    static final AttributeKey<String> SEVERITY = AttributeKey.stringKey("severity");
    static final AttributeKey<String> FUNCTION = AttributeKey.stringKey("code.function.name");
    static final AttributeKey<Long> LINE = AttributeKey.longKey("code.line.number");
    static final AttributeKey<Boolean> COLDSTART = AttributeKey.booleanKey("coldstart");
    static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("outcome");
    static final AttributeKey<String> OPERATION = AttributeKey.stringKey("operation");

    /** Seconds, from a fast handler to Lambda's 15-minute limit. */
    private static final List<Double> DURATION_BUCKETS = List.of(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0,
            2.5, 5.0, 10.0, 30.0, 60.0, 120.0, 300.0, 900.0);
    /** Bytes, from a small temp file to Lambda's 10 GiB of ephemeral storage. */
    private static final List<Long> GROWTH_BUCKETS = List.of(0L, 1L << 10, 16L << 10, 256L << 10, 1L << 20, 4L << 20,
            16L << 20, 64L << 20, 256L << 20, 1L << 30, 4L << 30, 10L << 30);

    private final LongCounter invocations;
    private final LongCounter restores;
    private final DoubleHistogram invocationDuration;
    private final LongHistogram tmpGrowth;
    private final DoubleHistogram blocked;
    private volatile long tmpUsage = -1;
    private volatile long tmpCapacity = -1;

    FaasMetrics(Meter meter, FindingStore findings) {
        // Counted by the store already, exactly, under any number of threads: read at each collection.
        meter.counterBuilder("faasguard.findings").setUnit("{finding}")
                .setDescription("Occurrences of each finding, by rule, severity and call site")
                .buildWithCallback(measurement -> {
                    for (FindingStore.Counted counted : findings.snapshot()) {
                        measurement.record(counted.count(), attributes(counted.first()));
                    }
                });
        invocations = meter.counterBuilder("faasguard.invocations").setUnit("{invocation}")
                .setDescription("Invocations, by cold start and outcome (success, error, timeout, crash)").build();
        restores = meter.counterBuilder("faasguard.restores").setUnit("{restore}")
                .setDescription("SnapStart restores: how many copies of the environment resumed from the snapshot")
                .build();
        invocationDuration = meter.histogramBuilder("faasguard.invocation.duration").setUnit("s")
                .setDescription("How long invocations took, by cold start and outcome")
                .setExplicitBucketBoundariesAdvice(DURATION_BUCKETS).build();
        meter.gaugeBuilder("faasguard.tmp.usage").ofLongs().setUnit("By")
                .setDescription("Bytes used in /tmp at the end of the last invocation")
                .buildWithCallback(measurement -> {
                    if (tmpUsage >= 0) {
                        measurement.record(tmpUsage);
                    }
                });
        meter.gaugeBuilder("faasguard.tmp.capacity").ofLongs().setUnit("By")
                .setDescription("Size of /tmp")
                .buildWithCallback(measurement -> {
                    if (tmpCapacity > 0) {
                        measurement.record(tmpCapacity);
                    }
                });
        tmpGrowth = meter.histogramBuilder("faasguard.tmp.growth").ofLongs().setUnit("By")
                .setDescription("Bytes an invocation added to /tmp and left there")
                .setExplicitBucketBoundariesAdvice(GROWTH_BUCKETS).build();
        blocked = meter.histogramBuilder("faasguard.blocked.duration").setUnit("s")
                .setDescription("How long calls with no timeout blocked, by operation (join, connect, read, http, wait)")
                .setExplicitBucketBoundariesAdvice(DURATION_BUCKETS).build();
    }

    void invocationEnded(InvocationEnd end) {
        Attributes attributes = Attributes.of(COLDSTART, end.coldStart(), OUTCOME, end.outcome());
        invocations.add(1, attributes);
        invocationDuration.record(end.durationNanos() / 1e9, attributes);
        if (end.tmpBytesAfter() >= 0) {
            tmpUsage = end.tmpBytesAfter();
            if (end.tmpBytesBefore() >= 0) {
                // A histogram takes no negative values: an invocation that cleaned up grew /tmp by nothing.
                tmpGrowth.record(Math.max(0, end.tmpBytesAfter() - end.tmpBytesBefore()));
            }
        }
        if (end.tmpCapacityBytes() > 0) {
            tmpCapacity = end.tmpCapacityBytes();
        }
    }

    void restored() {
        restores.add(1);
    }

    void findingOccurred(Finding finding) {
        if (Blocking.isBlocking(finding)) {
            blocked.record(Blocking.blockedMillis(finding) / 1e3, Attributes.of(OPERATION, Blocking.operation(finding)));
        }
    }

    private static Attributes attributes(Finding finding) {
        CallSite site = finding.callSite();
        if (site.line() < 0) {
            return Attributes.of(RULE, finding.rule().id(), SEVERITY, finding.rule().severity().id(), FUNCTION, site.function());
        }
        return Attributes.of(RULE, finding.rule().id(), SEVERITY, finding.rule().severity().id(),
                FUNCTION, site.function(), LINE, (long) site.line());
    }
}
