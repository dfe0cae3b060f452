package dev.faasguard.agent.report;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the report says about the JVM it watched.
 *
 * @param initType how the environment started, as the platform says ({@code AWS_LAMBDA_INITIALIZATION_TYPE}:
 *     {@code on-demand}, {@code snap-start}, {@code provisioned-concurrency}, {@code lambda-managed-instances}), or null
 */
public record RuntimeInfo(Platform platform, String javaVersion, long pid, String initType) {

    public static RuntimeInfo current(Map<String, String> environment) {
        return new RuntimeInfo(Platform.detect(environment), System.getProperty("java.version"),
                ProcessId.current(), environment.get("AWS_LAMBDA_INITIALIZATION_TYPE"));
    }

    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("platform", platform.id());
        json.put("java", javaVersion);
        json.put("pid", pid);
        if (initType != null) {
            json.put("initType", initType);
        }
        return json;
    }
}
