package dev.faasguard.agent.finding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.captures.Caller;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StackCaptureTest {

    @BeforeEach
    void theFunctionLivesInComExample() {
        StackCapture.use(ApplicationCode.of(List.of(), "com.example.orders.Fn::handleRequest", null, null));
    }

    @AfterEach
    void reset() {
        StackCapture.use(ApplicationCode.ANYTHING_BUT_LIBRARIES);
    }

    @Test
    void aCallMadeThroughALibraryPointsAtTheApplicationsLineAndKeepsTheLibraryFrameAsVia() {
        StackCapture.Capture capture = StackCapture.of(new StackTraceElement[] {
            jdk("java.base", "java.net.Socket", "connect", 633),
            frame("org.apache.http.conn.socket.PlainConnectionSocketFactory", "connectSocket", 75),
            jdk("java.base", "java.util.concurrent.FutureTask", "run", 264),
            frame("org.apache.http.impl.client.CloseableHttpClient", "execute", 108),
            frame("com.example.orders.Fn", "fetchPrices", 42),
            frame("com.example.orders.Fn", "handleRequest", 20),
            frame("com.amazonaws.services.lambda.runtime.api.client.EventHandlerLoader$PojoHandlerAsStreamHandler",
                    "handleRequest", 200),
        });
        assertEquals(new CallSite("com.example.orders.Fn", "fetchPrices", "Fn.java", 42), capture.callSite());
        assertTrue(capture.inApplication());
        assertTrue(capture.madeByLibrary());
        assertEquals("org.apache.http.conn.socket.PlainConnectionSocketFactory.connectSocket("
                + "PlainConnectionSocketFactory.java:75)", capture.via());
        assertEquals(List.of("org.apache.http.conn.socket.PlainConnectionSocketFactory",
                "org.apache.http.impl.client.CloseableHttpClient"), capture.libraries());
        assertEquals(List.of("java.net.Socket"), capture.jdkCallers(), "only the JDK frames before any library's");
        assertEquals("com.example.orders.Fn.fetchPrices(Fn.java:42)", capture.stack().get(0),
                "the stack starts at the application's line");
    }

    @Test
    void aCallTheApplicationMadeItselfHasNoVia() {
        StackCapture.Capture capture = StackCapture.of(new StackTraceElement[] {
            jdk("java.base", "java.lang.Thread", "join", 1300),
            frame("com.example.orders.Fn", "handleRequest", 31),
        });
        assertEquals(31, capture.callSite().line());
        assertFalse(capture.madeByLibrary());
        assertNull(capture.via());
        assertTrue(capture.outsideJdk());
    }

    @Test
    void withoutAnApplicationFrameTheFirstLibraryFrameIsTheCallSite() {
        StackCapture.Capture capture = StackCapture.of(new StackTraceElement[] {
            jdk("java.base", "java.lang.Thread", "join", 1300),
            frame("org.springframework.boot.autoconfigure.condition.OnClassCondition$ThreadedOutcomesResolver",
                    "resolveOutcomes", 158),
            frame("org.springframework.boot.SpringApplication", "run", 300),
        });
        assertFalse(capture.inApplication());
        assertTrue(capture.madeByLibrary());
        assertTrue(capture.outsideJdk());
        assertEquals("resolveOutcomes", capture.callSite().method());
        assertEquals(2, capture.stack().size());
    }

    @Test
    void anIdleLibraryPoolThreadRunsNoApplicationCode() {
        // What work-after-response looks at: OkHttp's task runner between tasks, HikariCP's housekeeper at work.
        assertFalse(StackCapture.of(new StackTraceElement[] {
            jdk("java.base", "java.lang.Object", "wait", -2),
            frame("okhttp3.internal.concurrent.TaskRunner$RealBackend", "coordinatorWait", 206),
            frame("okhttp3.internal.concurrent.TaskRunner", "awaitTaskToRun", 190),
            jdk("java.base", "java.util.concurrent.ThreadPoolExecutor", "runWorker", 1136),
        }).inApplication());
        assertFalse(StackCapture.of(new StackTraceElement[] {
            frame("com.zaxxer.hikari.pool.HikariPool", "fillPool", 533),
            frame("com.zaxxer.hikari.pool.HikariPool$HouseKeeper", "run", 845),
            jdk("java.base", "java.util.concurrent.FutureTask", "runAndReset", 369),
        }).inApplication());
        assertTrue(StackCapture.of(new StackTraceElement[] {
            jdk("java.base", "java.lang.Thread", "sleep", -2),
            frame("com.example.orders.Fn", "lambda$handleRequest$0", 44),
            jdk("java.base", "java.lang.Thread", "run", 840),
        }).inApplication(), "the application's own worker, even asleep");
    }

    @Test
    void onlyJdkCodePointsAtTheJdkFrame() {
        StackCapture.Capture capture = StackCapture.of(new StackTraceElement[] {
            jdk("java.base", "java.lang.Thread", "join", 1300),
            jdk("java.base", "java.lang.ApplicationShutdownHooks", "runHooks", 107),
        });
        assertFalse(capture.outsideJdk());
        assertEquals("java.lang.Thread", capture.callSite().className());
        assertEquals(List.of("java.lang.Thread", "java.lang.ApplicationShutdownHooks"), capture.jdkCallers());
    }

    @Test
    void theClassesTheAgentTransformsAsTheApplicationsAreNeitherTheAgentsNorTheRuntimeClientsNorALibrarys() {
        assertTrue(StackCapture.isApplicationClass("com.example.orders.Fn"));
        assertTrue(StackCapture.isApplicationClass("com.example.orders.Fn$Inner"));
        assertFalse(StackCapture.isApplicationClass("dev.faasguard.agent.AgentRuntime"), "the agent's");
        assertFalse(StackCapture.isApplicationClass("dev.faasguard.shaded.asm.ClassReader"), "what the agent bundles");
        assertFalse(StackCapture.isApplicationClass("com.amazonaws.services.lambda.runtime.api.client.AWSLambda"),
                "the runtime client's");
        assertFalse(StackCapture.isApplicationClass("org.springframework.core.SpringVersion"), "a library's");
    }

    @Test
    void theAgentsOwnFramesAreSkipped() {
        StackCapture.Capture capture = StackCapture.of(new StackTraceElement[] {
            frame("dev.faasguard.agent.AgentRuntime", "fileWrite", 10),
            frame("dev.faasguard.bootstrap.Hooks", "deny", 20),
            jdk("java.base", "java.io.FileOutputStream", "open", 290),
            frame("com.fasterxml.jackson.core.TokenStreamFactory", "_fileOutputStream", 210),
            frame("com.fasterxml.jackson.databind.ObjectMapper", "writeValue", 3900),
            frame("com.example.orders.Report", "saveSummary", 12),
        });
        assertEquals("com.example.orders.Report.saveSummary(Report.java:12)", capture.callSite().frame());
        assertEquals(List.of("java.io.FileOutputStream"), capture.jdkCallers());
    }

    @Test
    void aLiveStackIsResolvedTheSameWay() {
        StackCapture.use(ApplicationCode.of(List.of("dev.faasguard.agent.finding.StackCaptureTest.nothing"), null,
                null, null));
        StackCapture.Capture capture = StackCapture.here();
        assertFalse(capture.inApplication(), "this test's own package is not the application here: " + capture);
        assertTrue(capture.madeByLibrary(), "JUnit's frames are a library's");
    }

    @Test
    void aLineCapturedAgainGetsTheSameCaptureWithoutResolvingIt() {
        StackCapture.use(ApplicationCode.of(List.of("com.example.captures"), null, null, null));
        List<StackCapture.Capture> captures = Caller.oneLine(3);

        assertEquals("com.example.captures.Caller", captures.get(0).callSite().className());
        assertEquals("oneLine", captures.get(0).callSite().method());
        assertSame(captures.get(0), captures.get(1), "the path is known: the capture is the one resolved before");
        assertSame(captures.get(0), captures.get(2));
    }

    @Test
    void reflectionsFramesBetweenALibraryAndTheApplicationAreTheJdks() throws Exception {
        StackCapture.use(ApplicationCode.of(List.of("com.example.captures"), null, null, null));
        List<StackCapture.Capture> captures = Caller.libraryThroughReflection(20);

        for (StackCapture.Capture capture : captures) {
            assertEquals("com.example.captures.Caller", capture.callSite().className());
            assertEquals("libraryThroughReflection", capture.callSite().method());
            assertTrue(capture.inApplication());
            assertTrue(capture.via().startsWith("org.example.reflected.Library.capture("), capture.via());
            assertEquals(List.of("org.example.reflected.Library"), capture.libraries(),
                    "reflection's classes, generated ones included, are the JDK's, not a library's");
        }
        assertEquals(captures.get(0).callSite(), captures.get(19).callSite());
    }

    @Test
    void aJdkMethodCalledThroughReflectionIsCalledThroughItsApiAlone() throws Exception {
        StackCapture.use(ApplicationCode.of(List.of("com.example.captures"), null, null, null));
        List<StackCapture.Capture> captures = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            // This class is the agent's to the capture: its lambda stands for a hook inside the JDK's method. Past
            // JDK 17's 15 calls, reflection calls through an accessor class it generates.
            Caller.jdkMethodThroughReflection(List.of("item"), item -> captures.add(StackCapture.here()));
        }

        assertEquals(20, captures.size());
        for (StackCapture.Capture capture : captures) {
            assertEquals("jdkMethodThroughReflection", capture.callSite().method());
            assertEquals(List.of("java.lang.Iterable"), capture.jdkCallers(),
                    "reflection's frames are not the API's: a rule would take the call for the JDK's own");
            assertFalse(capture.madeByLibrary());
        }
    }

    @Test
    void twoCallSitesOnOneLineStayTwo() {
        StackCapture.use(ApplicationCode.of(List.of("com.example.captures"), null, null, null));
        List<StackCapture.Capture> captures = Caller.methodAndLambdaOnOneLine();

        CallSite method = captures.get(0).callSite();
        CallSite lambda = captures.get(1).callSite();
        assertEquals(method.line(), lambda.line());
        assertEquals("methodAndLambdaOnOneLine", method.method());
        assertNotEquals(method, lambda, "the lambda's body is a call site of its own");
        assertEquals(List.of(method, lambda), Caller.methodAndLambdaOnOneLine().stream()
                .map(StackCapture.Capture::callSite).toList(), "and each is found again");
    }

    private static StackTraceElement frame(String className, String method, int line) {
        String simple = className.substring(className.lastIndexOf('.') + 1);
        int nested = simple.indexOf('$');
        return new StackTraceElement("app", null, null, className, method,
                (nested < 0 ? simple : simple.substring(0, nested)) + ".java", line);
    }

    private static StackTraceElement jdk(String module, String className, String method, int line) {
        return new StackTraceElement(null, module, "17", className, method,
                className.substring(className.lastIndexOf('.') + 1) + ".java", line);
    }
}
