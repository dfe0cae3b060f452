package dev.faasguard.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The hook inserted into the application's dropping catch blocks, called directly against fake sinks. */
class ExceptionHooksTest {

    private static final IllegalStateException CAUGHT = new IllegalStateException("no such order");

    @AfterEach
    void reset() {
        Hooks.reset();
    }

    @Test
    void nothingIsToldOutsideAnInvocation() {
        ExceptionHooks.dropped(CAUGHT, "com.example.Fn", "handle", "Fn.java", 12);
        RecordingSinks sinks = RecordingSinks.install(false);
        ExceptionHooks.dropped(CAUGHT, "com.example.Fn", "handle", "Fn.java", 12);
        assertEquals(List.of(), sinks.calls, "init, or a JVM that runs no invocation: only the flag is read");
    }

    @Test
    void duringAnInvocationTheCatchSiteIsToldAsAgentCode() {
        RecordingSinks sinks = RecordingSinks.install(false);
        InvocationHooks.invocationStart("request");
        sinks.calls.clear();
        ExceptionHooks.dropped(CAUGHT, "com.example.Fn", "handle", "Fn.java", 12);
        assertEquals(List.of("exceptionDropped com.example.Fn.handle:12"), sinks.calls);
        assertEquals(0, sinks.callsNotAsAgent);
    }

    @Test
    void aFailingSinkIsSwallowedAndReported() {
        RecordingSinks sinks = RecordingSinks.install(false);
        InvocationHooks.invocationStart("request");
        sinks.calls.clear();
        IllegalStateException broken = new IllegalStateException("broken sink");
        sinks.failure = broken;
        ExceptionHooks.dropped(CAUGHT, "com.example.Fn", "handle", "Fn.java", 12);
        assertEquals(List.of("exceptionDropped com.example.Fn.handle:12", "hookFailed catch"), sinks.calls);
        assertEquals(List.of(broken), sinks.failures);
    }
}
