package dev.faasguard.agent.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WithoutTimeoutRulesTest {

    private final RuntimeApiAddress runtimeApi = RuntimeApiAddress.parse("127.0.0.1:9001");

    @Test
    void callsToThePlatformsRuntimeApiAreExempt() {
        ConnectWithoutTimeoutRule connect = new ConnectWithoutTimeoutRule(runtimeApi);
        assertEquals(Optional.empty(), connect.evaluate(new BlockingCall("Socket.connect", "127.0.0.1:9001", null), Phase.INVOCATION));
        assertEquals(Optional.empty(), connect.evaluate(new BlockingCall("Socket.connect", "localhost:9001", null), Phase.INVOCATION));
        assertTrue(connect.evaluate(new BlockingCall("Socket.connect", "127.0.0.1:9002", null), Phase.INVOCATION).isPresent());
        HttpWithoutTimeoutRule http = new HttpWithoutTimeoutRule(runtimeApi);
        assertEquals(Optional.empty(), http.evaluate(new BlockingCall("HttpURLConnection",
                "http://127.0.0.1:9001/2018-06-01/runtime/invocation/next", "connectTimeout,readTimeout"), Phase.INVOCATION));
    }

    @Test
    void runtimeApiAddressParsing() {
        assertFalse(RuntimeApiAddress.parse(null).matches("127.0.0.1:9001"));
        assertFalse(RuntimeApiAddress.parse("garbage").matches("garbage"));
        assertTrue(RuntimeApiAddress.parse("[::1]:9001").matches("http://[::1]:9001/x"));
        assertTrue(RuntimeApiAddress.parse("example.com:80").matches("http://example.com/x"));
    }

    @Test
    void anHttpCallWithBothTimeoutsIsNoFinding() {
        HttpWithoutTimeoutRule http = new HttpWithoutTimeoutRule(RuntimeApiAddress.NONE);
        assertEquals(Optional.empty(), http.evaluate(new BlockingCall("HttpClient.send", "https://api.example.com/", null), Phase.INVOCATION));
    }

    @Test
    void httpDetailSaysWhatIsMissingAndRedactsTheUrl() {
        Violation violation = new HttpWithoutTimeoutRule(RuntimeApiAddress.NONE).evaluate(new BlockingCall(
                "HttpURLConnection", "https://user:pw@api.example.com:8443/v1/items?token=secret#frag", "readTimeout"), Phase.INVOCATION)
                .orElseThrow();
        assertEquals("https://api.example.com:8443/v1/items", violation.detail().get("url"));
        assertEquals(List.of("readTimeout"), violation.detail().get("missing"));
        assertFalse(violation.message().contains("secret"), violation.message());
        assertFalse(violation.message().contains("pw"), violation.message());
        assertEquals("(unparsable URL)", HttpWithoutTimeoutRule.redact("::not a url::"));
    }

    @Test
    void onlyCallsTheApplicationMadeThroughTheApiCount() {
        JoinWithoutTimeoutRule join = new JoinWithoutTimeoutRule();
        assertTrue(join.calledThroughApi(List.of("java.lang.Thread", "java.lang.Thread"), true));
        assertFalse(join.calledThroughApi(List.of("java.lang.Thread", "java.lang.ApplicationShutdownHooks",
                "java.lang.Shutdown", "java.lang.Runtime"), true), "System.exit joining the shutdown hooks");
        assertFalse(join.calledThroughApi(List.of("java.lang.Thread", "sun.net.httpserver.ServerImpl"), true),
                "HttpServer.stop joining its dispatcher");
        assertFalse(join.calledThroughApi(List.of("java.lang.Thread"), false), "no application frame at all");
        WaitWithoutTimeoutRule wait = new WaitWithoutTimeoutRule();
        assertTrue(wait.calledThroughApi(List.of("java.util.concurrent.FutureTask",
                "java.util.concurrent.AbstractExecutorService"), true), "invokeAll without a timeout is the app's");
        ReadWithoutTimeoutRule read = new ReadWithoutTimeoutRule(RuntimeApiAddress.NONE);
        assertTrue(read.calledThroughApi(List.of("sun.nio.ch.NioSocketImpl", "java.net.Socket$SocketInputStream",
                "sun.nio.cs.StreamDecoder", "java.io.InputStreamReader", "java.io.BufferedReader"), true));
    }

    @Test
    void everyRuleHasItsIdSeverityAndFix() {
        List<WithoutTimeoutRule> rules = List.of(new JoinWithoutTimeoutRule(), new ConnectWithoutTimeoutRule(runtimeApi),
                new ReadWithoutTimeoutRule(runtimeApi), new HttpWithoutTimeoutRule(runtimeApi), new WaitWithoutTimeoutRule());
        assertEquals(List.of("join-without-timeout", "connect-without-timeout", "read-without-timeout",
                "http-without-timeout", "wait-without-timeout"), rules.stream().map(Rule::id).toList());
        for (WithoutTimeoutRule rule : rules) {
            assertTrue(RuleCatalog.IDS.contains(rule.id()));
            assertFalse(rule.fix().isBlank());
            assertFalse(rule.summary().isBlank());
        }
    }
}
