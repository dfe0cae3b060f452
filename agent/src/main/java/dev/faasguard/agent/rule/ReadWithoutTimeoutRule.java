package dev.faasguard.agent.rule;

import dev.faasguard.bootstrap.Hooks;
import java.util.List;
import java.util.Map;

/** {@code read-without-timeout}: a blocking socket read with SO_TIMEOUT 0, reported once per socket. */
public final class ReadWithoutTimeoutRule extends WithoutTimeoutRule {

    public ReadWithoutTimeoutRule(RuntimeApiAddress runtimeApi) {
        super(Hooks.RULE_READ, Severity.WARNING,
                "A socket is read with no read timeout (SO_TIMEOUT 0): a silent peer blocks it forever.",
                "Call socket.setSoTimeout(millis) before reading, or set the read/socket timeout of the client "
                + "library (JDBC socketTimeout, Redis timeout) below the invocation's remaining time.",
                runtimeApi);
    }

    @Override
    protected List<String> apiPrefixes() {
        return JdkApi.READ;
    }

    @Override
    public boolean talksToNetwork() {
        return true;
    }

    @Override
    protected void describe(BlockingCall call, Map<String, Object> detail) {
        detail.put("address", call.subject());
    }

    @Override
    protected String message(BlockingCall call, Map<String, Object> detail) {
        return "Reading from socket " + call.subject() + " with no read timeout (SO_TIMEOUT 0)";
    }
}
