package com.example.captures;

import dev.faasguard.agent.finding.StackCapture;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** Application code whose lines capture the stack, for StackCaptureTest: the agent's own classes never are. */
public final class Caller {

    private Caller() {}

    /** The same line {@code times} times over. */
    public static List<StackCapture.Capture> oneLine(int times) {
        List<StackCapture.Capture> captures = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            captures.add(StackCapture.here());
        }
        return captures;
    }

    /**
     * A library's capturing method called through {@code Method.invoke}, {@code times} times from one line (past
     * JDK 17's 15 calls, after which reflection calls through a class it generates).
     */
    public static List<StackCapture.Capture> libraryThroughReflection(int times) throws ReflectiveOperationException {
        Method capture = Class.forName("org.example.reflected.Library").getMethod("capture");
        List<StackCapture.Capture> captures = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            captures.add((StackCapture.Capture) capture.invoke(null));
        }
        return captures;
    }

    /**
     * A JDK method called through {@code Method.invoke} that calls {@code capturing} back: between the capture and
     * this line, the JDK's method and reflection's frames.
     */
    public static void jdkMethodThroughReflection(Iterable<?> items, Consumer<Object> capturing)
            throws ReflectiveOperationException {
        Iterable.class.getMethod("forEach", Consumer.class).invoke(items, capturing);
    }

    /** Two call sites on one line: this method's, and its lambda's. */
    public static List<StackCapture.Capture> methodAndLambdaOnOneLine() {
        return List.of(StackCapture.here(), ((Supplier<StackCapture.Capture>) () -> StackCapture.here()).get());
    }
}
