package dev.faasguard.agent.telemetry.otel;

import dev.faasguard.agent.config.TraceContinuation;
import dev.faasguard.agent.finding.FindingStore;
import dev.faasguard.agent.support.AgentLog;
import dev.faasguard.agent.telemetry.ExportSettings;
import dev.faasguard.agent.telemetry.ExportStatus;
import dev.faasguard.agent.telemetry.Telemetry;
import dev.faasguard.agent.telemetry.TelemetryPipeline;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.common.internal.ScopeConfiguratorBuilder;
import io.opentelemetry.sdk.metrics.SdkMeterProviderBuilder;
import io.opentelemetry.sdk.metrics.internal.MeterConfig;
import io.opentelemetry.sdk.metrics.internal.SdkMeterProviderUtil;
import io.opentelemetry.sdk.resources.Resource;
import java.util.Map;

/**
 * Builds the OpenTelemetry SDK the standard way, with the SDK's autoconfigure reading the OTEL_*
 * variables and {@code otel.*} properties, plus what the agent adds: the FaaS resource, the defaults
 * that export nothing unless asked, exporters watched for failures, no shutdown hook of the SDK's own
 * (the agent shuts it down within its bound), and never the global OpenTelemetry instance.
 */
public final class OtelTelemetryFactory implements TelemetryPipeline.Factory {

    private static final String SCOPE = "dev.faasguard";

    private final ExportSettings settings;
    private final Map<String, String> environment;
    private final FindingStore findings;
    private final TraceContinuation continuation;
    private final ExportStatus status;
    private final AgentLog log;
    private final String version;
    /** What invocation spans are named: the function, or else the service name the resource settled on. */
    private String spanName = "invocation";

    public OtelTelemetryFactory(ExportSettings settings, Map<String, String> environment, FindingStore findings,
            TraceContinuation continuation, ExportStatus status, AgentLog log, String version) {
        this.settings = settings;
        this.environment = environment;
        this.findings = findings;
        this.continuation = continuation;
        this.status = status;
        this.log = log;
        this.version = version;
    }

    @Override
    public Telemetry create() {
        SdkLogging.silence();
        ExportFailures failures = new ExportFailures(status, log, destination());
        OpenTelemetrySdk sdk = AutoConfiguredOpenTelemetrySdk.builder()
                .setServiceClassLoader(OtelTelemetryFactory.class.getClassLoader())
                .addPropertiesSupplier(settings::defaults)
                // Settings meant for the application's own OpenTelemetry, which the agent has no use for: it exports
                // no logs, and propagates nothing (it reads the incoming trace context itself). An OTEL_PROPAGATORS
                // naming one the agent does not bundle (the AWS Distro's layer sets "tracecontext,baggage,xray")
                // would otherwise turn its export off.
                .addPropertiesCustomizer(config -> Map.of("otel.logs.exporter", "none", "otel.propagators", "none"))
                .addPropertiesCustomizer(config -> BundledSampler.override(config, log))
                .addResourceCustomizer(this::resource)
                .addSpanExporterCustomizer((exporter, config) -> failures.watch(exporter))
                .addMetricExporterCustomizer((exporter, config) -> failures.watch(exporter))
                .addMeterProviderCustomizer((meters, config) -> agentMeterOnly(meters))
                .disableShutdownHook()
                .build()
                .getOpenTelemetrySdk();
        var tracer = sdk.getTracer(SCOPE, version);
        return new OtelTelemetry(sdk, new InvocationSpans(tracer, spanName, continuation),
                new FindingSpans(tracer), new FaasMetrics(sdk.getMeter(SCOPE), findings), settings.otlpConfigured());
    }

    /**
     * Only the agent's own meter records: the SDK meters its exporters and span processor too (exported,
     * queued, processed), and those metrics would reach the user's backend under the agent's relocated
     * package names as instrumentation scope.
     */
    private static SdkMeterProviderBuilder agentMeterOnly(SdkMeterProviderBuilder meters) {
        return SdkMeterProviderUtil.setMeterConfigurator(meters, MeterConfig.configuratorBuilder()
                .setDefault(MeterConfig.disabled())
                .addCondition(ScopeConfiguratorBuilder.nameEquals(SCOPE), MeterConfig.enabled())
                .build());
    }

    /** The platform's attributes under the user's: what OTEL_RESOURCE_ATTRIBUTES and OTEL_SERVICE_NAME say wins. */
    private Resource resource(Resource configured, ConfigProperties config) {
        Resource merged = FaasResource.of(environment).merge(configured);
        String function = FaasResource.functionName(environment);
        boolean named = config.getString("otel.service.name") != null
                || config.getMap("otel.resource.attributes").containsKey("service.name");
        if (function != null && !named) {
            merged = merged.merge(Resource.create(Attributes.of(FaasResource.SERVICE_NAME, function)));
        }
        String service = merged.getAttribute(FaasResource.SERVICE_NAME);
        spanName = function != null ? function : service != null ? service : spanName;
        return merged;
    }

    private String destination() {
        String endpoint = settings.get("otel.exporter.otlp.endpoint");
        return endpoint != null ? endpoint : "the configured collector";
    }
}
