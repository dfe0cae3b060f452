package dev.faasguard.agent.report;

import java.util.Map;

/** The function platform this JVM runs on, told by the variables each platform sets. */
public enum Platform {
    AWS_LAMBDA("aws-lambda", "AWS_LAMBDA_FUNCTION_NAME"),
    GCP_CLOUD_FUNCTIONS("gcp-cloud-functions", "FUNCTION_TARGET"),
    GCP_CLOUD_RUN("gcp-cloud-run", "K_SERVICE"),
    AZURE_FUNCTIONS("azure-functions", "FUNCTIONS_WORKER_RUNTIME"),
    VERCEL("vercel", "VERCEL"),
    LOCAL("local", null);

    private final String id;
    private final String marker;

    Platform(String id, String marker) {
        this.id = id;
        this.marker = marker;
    }

    public String id() {
        return id;
    }

    /**
     * The first platform whose variable is set. Cloud Functions (2nd gen) also set K_SERVICE, so
     * FUNCTION_TARGET is asked before it.
     */
    public static Platform detect(Map<String, String> environment) {
        for (Platform platform : values()) {
            if (platform.marker != null && environment.get(platform.marker) != null) {
                return platform;
            }
        }
        return LOCAL;
    }
}
