package dev.faasguard.agent.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faasguard.bootstrap.Operations;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClientLibraryTest {

    @Test
    void theOutermostKnownClientIsTheOneToConfigure() {
        // The AWS SDK calls Apache HttpClient 5: the SDK's settings are what the application changes.
        assertEquals(Optional.of(ClientLibrary.AWS_SDK_V2), ClientLibrary.among(List.of(
                "org.apache.hc.core5.http.impl.io.SessionInputBufferImpl",
                "org.apache.hc.client5.http.impl.classic.InternalExecRuntime",
                "software.amazon.awssdk.http.apache.ApacheHttpClient$1",
                "software.amazon.awssdk.core.internal.http.pipeline.stages.ApiCallAttemptTimeoutTrackingStage")));
        assertEquals(Optional.of(ClientLibrary.APACHE_HTTPCLIENT_4), ClientLibrary.among(List.of(
                "org.apache.http.conn.socket.PlainConnectionSocketFactory")));
        assertEquals(Optional.of(ClientLibrary.OKHTTP), ClientLibrary.among(List.of("okio.InputStreamSource",
                "okhttp3.internal.connection.RealCall")));
        assertEquals(Optional.of(ClientLibrary.POSTGRESQL_JDBC), ClientLibrary.among(List.of(
                "org.postgresql.core.PGStream", "com.zaxxer.hikari.pool.HikariPool")));
        assertEquals(Optional.empty(), ClientLibrary.among(List.of("com.fasterxml.jackson.databind.ObjectMapper")));
    }

    @Test
    void aViolationMadeThroughAClientNamesItAndItsSettings() {
        Violation plain = new Violation(WithoutTimeoutRule.Kind.CONNECT.description(),
                "Socket.connect to 127.0.0.1:8080 with no timeout: it hangs", Map.of("address", "127.0.0.1:8080"));
        Violation through = plain.through(ClientLibrary.APACHE_HTTPCLIENT_4);
        assertEquals("Apache HttpClient 4", through.detail().get("library"));
        assertEquals("127.0.0.1:8080", through.detail().get("address"));
        assertTrue(through.message().startsWith(plain.message()), through.message());
        assertTrue(through.fixText().startsWith("With Apache HttpClient 4: "), through.fixText());
        assertTrue(through.fixText().contains("setConnectTimeout"), through.fixText());
        assertEquals(plain.rule().fix(), plain.fixText(), "without a client, the rule's own fix");
    }

    @Test
    void theAwsSdksFixNamesItsCallTimeouts() {
        String fix = ClientLibrary.AWS_SDK_V2.fix();
        assertTrue(fix.contains("apiCallAttemptTimeout") && fix.contains("apiCallTimeout") && fix.contains("socketTimeout"),
                fix);
    }

    @Test
    void messagesSayInitDuringInit() {
        WithoutTimeoutRule join = new WithoutTimeoutRule(WithoutTimeoutRule.Kind.JOIN, RuntimeApiAddress.NONE);
        Violation atInit = join.evaluate(new BlockingCall(Operations.JOIN, "Thread.join", "loader", null, Phase.INIT))
                .orElseThrow();
        assertTrue(atInit.message().contains("init hangs"), atInit.message());
        assertTrue(!atInit.message().contains("invocation"), atInit.message());
        Violation inInvocation = join.evaluate(new BlockingCall(Operations.JOIN, "Thread.join", "loader", null,
                Phase.INVOCATION)).orElseThrow();
        assertTrue(inInvocation.message().contains("the invocation hangs"), inInvocation.message());
        Violation timeout = new TimeoutExceedsDeadlineRule().evaluate(new TimeoutExceedsDeadlineRule.TimedCall(
                "Socket.read", 30_000, 9_000, null, Phase.INIT)).orElseThrow();
        assertEquals("Socket.read with a timeout of 30000 ms when init has 9000 ms left: the platform stops init before"
                + " the timeout fires", timeout.message());
    }
}
