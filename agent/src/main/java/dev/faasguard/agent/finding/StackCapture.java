package dev.faasguard.agent.finding;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Walks the current stack to the call site: past the agent's own frames and the JDK's, to the first
 * frame of application code. Runs only when a rule fires.
 */
public final class StackCapture {

    /** Frames kept from the call site down, enough to see which handler called it. */
    public static final int MAX_FRAMES = 12;

    private static final StackWalker WALKER = StackWalker.getInstance(Set.of(StackWalker.Option.RETAIN_CLASS_REFERENCE));
    private static final ClassLoader PLATFORM = ClassLoader.getPlatformClassLoader();

    private StackCapture() {}

    /**
     * @param jdkCallers the classes of the JDK frames between the hook and the call site, innermost
     *     first: through which API the application reached the hooked method
     * @param inApplication false when no application frame was on the stack (JDK code alone)
     */
    public record Capture(CallSite callSite, List<String> stack, List<String> jdkCallers, boolean inApplication) {}

    public static Capture here() {
        return WALKER.walk(frames -> {
            List<StackWalker.StackFrame> kept = new ArrayList<>(MAX_FRAMES);
            List<String> jdkCallers = new ArrayList<>();
            StackWalker.StackFrame firstJdkFrame = null;
            for (StackWalker.StackFrame frame : (Iterable<StackWalker.StackFrame>) frames::iterator) {
                if (kept.isEmpty()) {
                    if (isAgent(frame.getClassName())) {
                        continue;
                    }
                    if (isJdk(frame)) {
                        if (firstJdkFrame == null) {
                            firstJdkFrame = frame;
                        }
                        jdkCallers.add(frame.getClassName());
                        continue;
                    }
                }
                kept.add(frame);
                if (kept.size() == MAX_FRAMES) {
                    break;
                }
            }
            if (kept.isEmpty()) {
                // Only JDK code on the stack (a JDK thread, a shutdown hook): point at the JDK frame.
                return firstJdkFrame == null
                        ? new Capture(CallSite.UNKNOWN, List.of(), List.copyOf(jdkCallers), false)
                        : new Capture(callSite(firstJdkFrame), List.of(callSite(firstJdkFrame).frame()),
                                List.copyOf(jdkCallers), false);
            }
            List<String> stack = new ArrayList<>(kept.size());
            for (StackWalker.StackFrame frame : kept) {
                stack.add(callSite(frame).frame());
            }
            return new Capture(callSite(kept.get(0)), List.copyOf(stack), List.copyOf(jdkCallers), true);
        });
    }

    /**
     * The same resolution over a stack the JVM already has: an exception's, or another thread's.
     * Frames carry no class here, so JDK code is told by its module or package.
     */
    public static Capture of(StackTraceElement[] frames) {
        List<String> stack = new ArrayList<>(MAX_FRAMES);
        List<String> jdkCallers = new ArrayList<>();
        CallSite site = null;
        for (StackTraceElement frame : frames) {
            if (site == null) {
                if (isAgent(frame.getClassName())) {
                    continue;
                }
                if (isJdkOrPlatform(frame)) {
                    jdkCallers.add(frame.getClassName());
                    continue;
                }
                site = new CallSite(frame.getClassName(), frame.getMethodName(), frame.getFileName(),
                        frame.getLineNumber());
            }
            stack.add(new CallSite(frame.getClassName(), frame.getMethodName(), frame.getFileName(),
                    frame.getLineNumber()).frame());
            if (stack.size() == MAX_FRAMES) {
                break;
            }
        }
        return site == null
                ? new Capture(CallSite.UNKNOWN, List.of(), List.copyOf(jdkCallers), false)
                : new Capture(site, List.copyOf(stack), List.copyOf(jdkCallers), true);
    }

    private static boolean isJdkOrPlatform(StackTraceElement frame) {
        String module = frame.getModuleName();
        String name = frame.getClassName();
        return module != null && (module.startsWith("java.") || module.startsWith("jdk."))
                || name.startsWith("java.") || name.startsWith("jdk.") || name.startsWith("sun.")
                || name.startsWith("com.sun.") || isRuntimeClient(name);
    }

    /** The platform's runtime interface client: it calls the handler, it is not the application. */
    static boolean isRuntimeClient(String className) {
        return className.startsWith("com.amazonaws.services.lambda.runtime.api.client.");
    }

    static boolean isAgent(String className) {
        return className.startsWith("dev.faasguard.agent.")
                || className.startsWith("dev.faasguard.bootstrap.")
                || className.startsWith("dev.faasguard.shaded.");
    }

    private static boolean isJdk(StackWalker.StackFrame frame) {
        Class<?> type = frame.getDeclaringClass();
        ClassLoader loader = type.getClassLoader();
        return loader == null || loader == PLATFORM
                || type.getName().startsWith("jdk.internal.reflect.") || isRuntimeClient(type.getName());
    }

    private static CallSite callSite(StackWalker.StackFrame frame) {
        return new CallSite(frame.getClassName(), frame.getMethodName(), frame.getFileName(), frame.getLineNumber());
    }
}
