package dev.faasguard.agent.rule;

import dev.faasguard.bootstrap.Hooks;
import java.util.List;
import java.util.Map;

/** {@code connect-without-timeout}: a socket connect that waits as long as the kernel does. */
public final class ConnectWithoutTimeoutRule extends WithoutTimeoutRule {

    public ConnectWithoutTimeoutRule(RuntimeApiAddress runtimeApi) {
        super(Hooks.RULE_CONNECT, Severity.ERROR,
                "A socket connects with no timeout: Socket.connect(addr), new Socket(host, port), a blocking SocketChannel.",
                "Create the socket unconnected and call socket.connect(address, timeoutMillis), with a timeout "
                + "well below the invocation's remaining time; set the connect timeout of the client library you use.",
                runtimeApi);
    }

    @Override
    protected List<String> apiPrefixes() {
        return JdkApi.CONNECT;
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
        return call.operation() + " to " + call.subject() + " with no timeout";
    }
}
