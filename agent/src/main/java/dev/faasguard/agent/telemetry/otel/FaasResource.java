package dev.faasguard.agent.telemetry.otel;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.sdk.resources.Resource;
import java.util.Map;

/**
 * The resource of the semantic conventions for FaaS and cloud, read from the variables the platform
 * sets: {@code cloud.provider}, {@code cloud.platform}, {@code cloud.region}, {@code faas.name},
 * {@code faas.version}, {@code faas.instance}, {@code faas.max_memory} (bytes).
 */
final class FaasResource {

    static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");

    private FaasResource() {}

    static Resource of(Map<String, String> environment) {
        AttributesBuilder attributes = Attributes.builder();
        if (environment.get("AWS_LAMBDA_FUNCTION_NAME") != null) {
            attributes.put("cloud.provider", "aws").put("cloud.platform", "aws_lambda");
            putIfSet(attributes, "cloud.region", environment.get("AWS_REGION"));
            putIfSet(attributes, "faas.name", environment.get("AWS_LAMBDA_FUNCTION_NAME"));
            putIfSet(attributes, "faas.version", environment.get("AWS_LAMBDA_FUNCTION_VERSION"));
            putIfSet(attributes, "faas.instance", environment.get("AWS_LAMBDA_LOG_STREAM_NAME"));
            String megabytes = environment.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE");
            if (megabytes != null && megabytes.trim().matches("\\d{1,7}")) {
                attributes.put("faas.max_memory", Long.parseLong(megabytes.trim()) * 1024 * 1024);
            }
        } else if (environment.get("K_SERVICE") != null) {
            boolean function = environment.get("FUNCTION_TARGET") != null;
            attributes.put("cloud.provider", "gcp").put("cloud.platform", function ? "gcp_cloud_functions" : "gcp_cloud_run");
            putIfSet(attributes, "faas.name", environment.get("K_SERVICE"));
            putIfSet(attributes, "faas.version", environment.get("K_REVISION"));
        } else if (environment.get("FUNCTIONS_WORKER_RUNTIME") != null) {
            attributes.put("cloud.provider", "azure").put("cloud.platform", "azure_functions");
            putIfSet(attributes, "cloud.region", environment.get("REGION_NAME"));
            putIfSet(attributes, "faas.name", environment.get("WEBSITE_SITE_NAME"));
        }
        return Resource.create(attributes.build());
    }

    /** The function's name, which is the default service name and the name of each invocation's span. */
    static String functionName(Map<String, String> environment) {
        for (String variable : new String[] {"AWS_LAMBDA_FUNCTION_NAME", "K_SERVICE", "WEBSITE_SITE_NAME"}) {
            String name = environment.get(variable);
            if (name != null && !name.isBlank()) {
                return name;
            }
        }
        return null;
    }

    private static void putIfSet(AttributesBuilder attributes, String key, String value) {
        if (value != null && !value.isBlank()) {
            attributes.put(key, value);
        }
    }
}
