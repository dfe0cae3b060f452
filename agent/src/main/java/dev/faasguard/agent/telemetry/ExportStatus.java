package dev.faasguard.agent.telemetry;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** How OpenTelemetry export is faring, for the report: whether it is on, and what it failed to send. */
public final class ExportStatus {

    private final boolean enabled;
    private final AtomicLong failedExports = new AtomicLong();
    private final AtomicLong droppedEvents = new AtomicLong();
    private volatile String firstFailure;

    public ExportStatus(boolean enabled) {
        this.enabled = enabled;
    }

    /** @return true for the first failure: the one that is logged */
    public boolean exportFailed(String reason) {
        if (failedExports.getAndIncrement() == 0) {
            firstFailure = reason;
            return true;
        }
        return false;
    }

    /** @return true for the first drop: the one that is logged */
    public boolean eventDropped() {
        return droppedEvents.getAndIncrement() == 0;
    }

    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("export", enabled);
        json.put("failedExports", failedExports.get());
        json.put("droppedEvents", droppedEvents.get());
        json.put("firstFailure", firstFailure);
        return json;
    }
}
