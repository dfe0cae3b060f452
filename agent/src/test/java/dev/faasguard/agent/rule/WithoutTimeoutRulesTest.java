package dev.faasguard.agent.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faasguard.bootstrap.Operations;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WithoutTimeoutRulesTest {

    private final RuntimeApiAddress runtimeApi = RuntimeApiAddress.parse("127.0.0.1:9001");

    @Test
    void callsToThePlatformsRuntimeApiAreExempt() {
        WithoutTimeoutRule connect = rule(WithoutTimeoutRule.Kind.CONNECT, runtimeApi);
        assertEquals(Optional.empty(), connect.evaluate(call(Operations.CONNECT, "Socket.connect", "127.0.0.1:9001", null)));
        assertEquals(Optional.empty(), connect.evaluate(call(Operations.CONNECT, "Socket.connect", "localhost:9001", null)));
        assertTrue(connect.evaluate(call(Operations.CONNECT, "Socket.connect", "127.0.0.1:9002", null)).isPresent());
        WithoutTimeoutRule http = rule(WithoutTimeoutRule.Kind.HTTP, runtimeApi);
        assertEquals(Optional.empty(), http.evaluate(call(Operations.HTTP, "HttpURLConnection",
                "http://127.0.0.1:9001/2018-06-01/runtime/invocation/next", "connectTimeout,readTimeout")));
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
        WithoutTimeoutRule http = rule(WithoutTimeoutRule.Kind.HTTP, RuntimeApiAddress.NONE);
        assertEquals(Optional.empty(), http.evaluate(call(Operations.HTTP, "HttpClient.send", "https://api.example.com/",
                null)));
    }

    @Test
    void httpDetailSaysWhatIsMissingAndRedactsTheUrl() {
        Violation violation = rule(WithoutTimeoutRule.Kind.HTTP, RuntimeApiAddress.NONE).evaluate(call(Operations.HTTP,
                "HttpURLConnection", "https://user:pw@api.example.com:8443/v1/items?token=secret#frag", "readTimeout"))
                .orElseThrow();
        assertEquals("https://api.example.com:8443/v1/items", violation.detail().get("url"));
        assertEquals(List.of("readTimeout"), violation.detail().get("missing"));
        assertFalse(violation.message().contains("secret"), violation.message());
        assertFalse(violation.message().contains("pw"), violation.message());
        assertEquals("(unparsable URL)", WithoutTimeoutRule.redact("::not a url::"));
    }

    @Test
    void eachKindSaysWhatWasCalledOnWhat() {
        assertEquals("Thread.join() on thread 'loader' with no timeout: " + Phase.INVOCATION.hang(),
                message(WithoutTimeoutRule.Kind.JOIN, call(Operations.JOIN, "Thread.join", "loader", null)));
        assertEquals("Socket.connect to db:5432 with no timeout: " + Phase.INVOCATION.hang(),
                message(WithoutTimeoutRule.Kind.CONNECT, call(Operations.CONNECT, "Socket.connect", "db:5432", null)));
        assertEquals("Reading from socket 10.0.0.1:443 with no read timeout (SO_TIMEOUT 0): " + Phase.INVOCATION.hang(),
                message(WithoutTimeoutRule.Kind.READ, call(Operations.READ, "Socket.read", "10.0.0.1:443", null)));
        assertEquals("HttpClient.send https://api.example.com/x with no connectTimeout and no requestTimeout: "
                + Phase.INVOCATION.hang(), message(WithoutTimeoutRule.Kind.HTTP, call(Operations.HTTP, "HttpClient.send",
                "https://api.example.com/x", "connectTimeout,requestTimeout")));
        assertEquals("Process.waitFor() with no timeout on pid 42: " + Phase.INVOCATION.hang(),
                message(WithoutTimeoutRule.Kind.WAIT, call(Operations.WAIT, "Process.waitFor", "pid 42", null)));
    }

    @Test
    void onlyCallsTheApplicationMadeThroughTheApiCount() {
        WithoutTimeoutRule join = rule(WithoutTimeoutRule.Kind.JOIN, RuntimeApiAddress.NONE);
        assertTrue(join.calledThroughApi(List.of("java.lang.Thread", "java.lang.Thread"), true));
        assertFalse(join.calledThroughApi(List.of("java.lang.Thread", "java.lang.ApplicationShutdownHooks",
                "java.lang.Shutdown", "java.lang.Runtime"), true), "System.exit joining the shutdown hooks");
        assertFalse(join.calledThroughApi(List.of("java.lang.Thread", "sun.net.httpserver.ServerImpl"), true),
                "HttpServer.stop joining its dispatcher");
        assertFalse(join.calledThroughApi(List.of("java.lang.Thread"), false), "no application frame at all");
        WithoutTimeoutRule wait = rule(WithoutTimeoutRule.Kind.WAIT, RuntimeApiAddress.NONE);
        assertTrue(wait.calledThroughApi(List.of("java.util.concurrent.FutureTask",
                "java.util.concurrent.AbstractExecutorService"), true), "invokeAll without a timeout is the app's");
        WithoutTimeoutRule read = rule(WithoutTimeoutRule.Kind.READ, RuntimeApiAddress.NONE);
        assertTrue(read.calledThroughApi(List.of("sun.nio.ch.NioSocketImpl", "java.net.Socket$SocketInputStream",
                "sun.nio.cs.StreamDecoder", "java.io.InputStreamReader", "java.io.BufferedReader"), true));
    }

    @Test
    void everyKindIsACatalogRuleWithItsIdSeverityAndFix() {
        assertEquals(List.of("join-without-timeout", "connect-without-timeout", "read-without-timeout",
                "http-without-timeout", "wait-without-timeout"),
                Arrays.stream(WithoutTimeoutRule.Kind.values()).map(kind -> kind.description().id()).toList());
        for (WithoutTimeoutRule.Kind kind : WithoutTimeoutRule.Kind.values()) {
            assertEquals(Optional.of(kind.description()), RuleCatalog.byId(kind.description().id()));
            assertFalse(kind.description().fix().isBlank());
            assertFalse(kind.description().summary().isBlank());
        }
        assertEquals(WithoutTimeoutRule.Kind.WAIT, WithoutTimeoutRule.Kind.of(Operations.WAIT));
    }

    private static WithoutTimeoutRule rule(WithoutTimeoutRule.Kind kind, RuntimeApiAddress runtimeApi) {
        return new WithoutTimeoutRule(kind, runtimeApi);
    }

    private static BlockingCall call(String kind, String operation, String subject, String missing) {
        return new BlockingCall(kind, operation, subject, missing, Phase.INVOCATION);
    }

    private static String message(WithoutTimeoutRule.Kind kind, BlockingCall call) {
        return rule(kind, RuntimeApiAddress.NONE).evaluate(call).orElseThrow().message();
    }
}
