package dev.faasguard.lambdasim;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static dev.faasguard.lambdasim.SimTesting.describe;
import static dev.faasguard.lambdasim.SimTesting.event;
import static dev.faasguard.lambdasim.SimTesting.json;
import static dev.faasguard.lambdasim.SimTesting.sim;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real AWS Lambda runtime interface client (from Maven Central) runs the fixture handlers in a child JVM
 * against lambda-sim's Runtime API, on JDK 17 and on JDK 25 when it is installed.
 */
class RuntimeBehaviourIT {

    static List<Path> jdks() {
        return Fixtures.jdks();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void requestHandlerRunsColdThenWarmInOneJvm(Path jdk) throws Exception {
        try (LambdaSim sim = sim(jdk, "GreetingHandler").build()) {
            List<InvocationResult> rs = sim.run(event("{'name':'Ada'}"), 3);
            for (int i = 0; i < 3; i++) {
                InvocationResult r = rs.get(i);
                assertEquals(Outcome.SUCCESS, r.outcome(), describe(r));
                assertEquals(i == 0, r.coldStart(), describe(r));
                assertEquals(1, r.environment());
                assertEquals(rs.get(0).pid(), r.pid(), "same JVM while warm");
                // Serialized by the runtime as a JSON string; the call counter shows the handler instance is reused.
                assertEquals("\"hello Ada #" + (i + 1) + " pid " + r.pid() + " fn lambda-sim remaining>0 true\"",
                        r.response().orElseThrow(), describe(r));
                assertTrue(r.stdout().contains("greeting Ada in " + r.requestId()), describe(r));
            }
            assertTrue(rs.get(0).initDuration().toMillis() > 0);
            assertEquals(Duration.ZERO, rs.get(1).initDuration());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void streamHandlerRunsColdThenWarm(Path jdk) throws Exception {
        try (LambdaSim sim = sim(jdk, "EchoStreamHandler").build()) {
            List<InvocationResult> rs = sim.run(List.of("{\"a\":\"one\"}".getBytes(), "two".getBytes(),
                    "three".getBytes()));
            assertEquals(List.of("{\"A\":\"ONE\"}", "TWO", "THREE"),
                    rs.stream().map(InvocationResult::bodyText).toList());
            assertEquals(List.of(true, false, false), rs.stream().map(InvocationResult::coldStart).toList());
            assertTrue(rs.stream().allMatch(InvocationResult::succeeded));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void handlerPastItsDeadlineIsKilledAndTheNextInvocationIsACold(Path jdk) throws Exception {
        try (LambdaSim sim = sim(jdk, "ActionHandler").timeout(Duration.ofSeconds(1)).build()) {
            InvocationResult slow = sim.invoke(event("{'action':'sleep','ms':30000}"));
            assertEquals(Outcome.TIMEOUT, slow.outcome(), describe(slow));
            assertEquals("Sandbox.Timedout", slow.errorType());
            assertEquals("RequestId: " + slow.requestId() + " Error: Task timed out after 1.00 seconds",
                    json(slow.bodyText()).get("errorMessage").asText());
            assertEquals(1000, slow.duration().toMillis());
            Optional<ProcessHandle> killed = ProcessHandle.of(slow.pid());
            assertFalse(killed.isPresent() && killed.get().isAlive(), "the timed-out JVM was killed");

            InvocationResult next = sim.invoke(event("{'action':'pid'}"));
            assertEquals(Outcome.SUCCESS, next.outcome(), describe(next));
            assertTrue(next.coldStart(), "a fresh environment after a timeout");
            assertEquals(2, next.environment());
            assertNotEquals(slow.pid(), next.pid());
            assertEquals("\"" + next.pid() + "\"", next.bodyText(), "served by a new JVM");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void exceptionIsAnErrorAndTheEnvironmentStaysWarm(Path jdk) throws Exception {
        try (LambdaSim sim = sim(jdk, "ActionHandler").build()) {
            InvocationResult failed = sim.invoke(event("{'action':'throw','message':'boom'}"));
            assertEquals(Outcome.ERROR, failed.outcome(), describe(failed));
            JsonNode error = json(failed.bodyText());
            assertEquals("boom", error.get("errorMessage").asText());
            assertEquals("java.lang.IllegalStateException", error.get("errorType").asText());
            assertTrue(error.get("stackTrace").get(0).asText().contains("ActionHandler.handleRequest"), describe(failed));
            assertEquals("java.lang.IllegalStateException", failed.errorType());
            assertTrue(failed.stdout().contains("java.lang.IllegalStateException: boom"),
                    "the runtime's log of the exception belongs to this invocation: " + describe(failed));

            InvocationResult next = sim.invoke(event("{'action':'pid'}"));
            assertEquals(Outcome.SUCCESS, next.outcome(), describe(next));
            assertFalse(next.coldStart(), "an exception does not reset the environment");
            assertEquals(failed.pid(), next.pid());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void systemExitIsACrashAndTheNextInvocationIsCold(Path jdk) throws Exception {
        try (LambdaSim sim = sim(jdk, "ActionHandler").build()) {
            InvocationResult crashed = sim.invoke(event("{'action':'exit','code':1}"));
            assertEquals(Outcome.CRASH, crashed.outcome(), describe(crashed));
            assertEquals("Runtime.ExitError", crashed.errorType());
            JsonNode error = json(crashed.bodyText());
            assertEquals("Runtime.ExitError", error.get("errorType").asText());
            assertEquals("RequestId: " + crashed.requestId() + " Error: Runtime exited with error: exit status 1",
                    error.get("errorMessage").asText());

            InvocationResult next = sim.invoke(event("{'action':'pid'}"));
            assertEquals(Outcome.SUCCESS, next.outcome(), describe(next));
            assertTrue(next.coldStart());
            assertEquals(2, next.environment());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void exceptionInTheConstructorIsAnInitError(Path jdk) throws Exception {
        try (LambdaSim sim = sim(jdk, "BrokenConstructorHandler").build()) {
            List<InvocationResult> rs = sim.run("{}", 2);
            for (InvocationResult r : rs) {
                assertEquals(Outcome.INIT_ERROR, r.outcome(), describe(r));
                assertTrue(r.coldStart(), "every attempt re-initializes");
                JsonNode error = json(r.bodyText());
                assertEquals("cannot start: no configuration", error.get("errorMessage").asText());
                assertEquals("java.lang.IllegalStateException", error.get("errorType").asText());
            }
            assertEquals(2, rs.get(1).environment());
        }
    }

    /** The runtime interface client loads the handler class lazily and answers each event with the error. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void missingHandlerClassIsReportedAsClassNotFound(Path jdk) throws Exception {
        try (LambdaSim sim = sim(jdk, "NoSuchHandler").build()) {
            InvocationResult r = sim.invoke("{}");
            assertTrue(r.outcome() == Outcome.ERROR || r.outcome() == Outcome.INIT_ERROR, describe(r));
            JsonNode error = json(r.bodyText());
            assertEquals("java.lang.ClassNotFoundException", error.get("errorType").asText());
            assertEquals("Class not found: " + SimTesting.FIXTURES + "NoSuchHandler",
                    error.get("errorMessage").asText());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void functionSeesLambdasEnvironment(Path jdk) throws Exception {
        try (LambdaSim sim = sim(jdk, "ActionHandler").memoryMb(256).functionName("orders").env("STAGE", "test")
                .build()) {
            String[][] expected = {
                    {"AWS_LAMBDA_FUNCTION_NAME", "orders"}, {"AWS_LAMBDA_FUNCTION_VERSION", "$LATEST"},
                    {"AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "256"}, {"AWS_REGION", "us-east-1"}, {"TZ", ":UTC"},
                    {"_HANDLER", SimTesting.FIXTURES + "ActionHandler::handleRequest"},
                    {"AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/orders"}, {"STAGE", "test"},
                    {"LAMBDA_TASK_ROOT", sim.taskRoot().toString()},
            };
            for (String[] kv : expected) {
                InvocationResult r = sim.invoke(event("{'action':'env','name':'" + kv[0] + "'}"));
                assertEquals("\"" + kv[1] + "\"", r.bodyText(), kv[0]);
            }
            InvocationResult stream = sim.invoke(event("{'action':'env','name':'AWS_LAMBDA_LOG_STREAM_NAME'}"));
            assertTrue(stream.bodyText().matches("\"\\d{4}/\\d{2}/\\d{2}/\\[\\$LATEST][0-9a-f]{32}\""), stream.bodyText());
            InvocationResult home = sim.invoke(event("{'action':'env','name':'MAVEN_HOME'}"));
            assertEquals("\"null\"", home.bodyText(), "lambda-sim's own environment does not leak into the function");
        }
    }
}
