package dev.faasguard.agent.report;

import java.util.LinkedHashMap;
import java.util.Map;

/** What the report says about the JVM it watched. */
public record RuntimeInfo(Platform platform, String javaVersion, long pid) {

    public static RuntimeInfo current(Map<String, String> environment) {
        return new RuntimeInfo(Platform.detect(environment), System.getProperty("java.version"),
                ProcessId.current());
    }

    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("platform", platform.id());
        json.put("java", javaVersion);
        json.put("pid", pid);
        return json;
    }
}
