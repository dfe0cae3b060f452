package dev.faasguard.agent.rule;

import dev.faasguard.bootstrap.Hooks;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code http-without-timeout}: an {@code HttpURLConnection} with a connect or read timeout of 0, or a
 * {@code java.net.http.HttpClient} request with no connect timeout or no request timeout. One finding per
 * HTTP call: its socket connect and reads are not reported again.
 */
public final class HttpWithoutTimeoutRule extends WithoutTimeoutRule {

    public HttpWithoutTimeoutRule(RuntimeApiAddress runtimeApi) {
        super(Hooks.RULE_HTTP, Severity.ERROR,
                "An HTTP call is made with no connect timeout or no read/request timeout.",
                "HttpURLConnection: setConnectTimeout(ms) and setReadTimeout(ms). HttpClient: "
                + "HttpClient.newBuilder().connectTimeout(...) and HttpRequest.newBuilder().timeout(...). Keep both "
                + "below the time the invocation has left.",
                runtimeApi);
    }

    @Override
    public Optional<Violation> evaluate(BlockingCall call, Phase phase) {
        return call.missing() == null ? Optional.empty() : super.evaluate(call, phase);
    }

    @Override
    protected List<String> apiPrefixes() {
        return JdkApi.HTTP;
    }

    @Override
    public boolean talksToNetwork() {
        return true;
    }

    @Override
    protected void describe(BlockingCall call, Map<String, Object> detail) {
        detail.put("url", redact(call.subject()));
        detail.put("missing", List.of(call.missing().split(",")));
    }

    @Override
    protected String message(BlockingCall call, Map<String, Object> detail) {
        return call.operation() + " " + detail.get("url") + " with no " + String.join(" and no ",
                List.of(call.missing().split(",")));
    }

    /** Scheme, host, port and path: no credentials, no query string, no fragment. */
    static String redact(String url) {
        try {
            URI uri = URI.create(url);
            if (uri.getHost() == null) {
                return "(unparsable URL)";
            }
            StringBuilder redacted = new StringBuilder(uri.getScheme()).append("://").append(uri.getHost());
            if (uri.getPort() >= 0) {
                redacted.append(':').append(uri.getPort());
            }
            return redacted.append(uri.getRawPath() == null ? "" : uri.getRawPath()).toString();
        } catch (IllegalArgumentException notAUri) {
            return "(unparsable URL)";
        }
    }
}
