package dev.faasguard.agent.finding;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Walks a stack to the call site: past the agent's own frames, the JDK's and the libraries', to the first frame
 * of the application's own code ({@link ApplicationCode}). The library frames it passes on the way are kept:
 * the first of them is what did the I/O or the wait ({@code via}), and their classes tell which client the
 * application called. Runs only when a rule fires.
 */
public final class StackCapture {

    /** Frames kept from the call site down, enough to see which handler called it. */
    public static final int MAX_FRAMES = 12;
    /** Library classes kept to tell which client was called: a client's frames sit under the application's. */
    private static final int MAX_LIBRARY_FRAMES = 96;

    /**
     * The JVM hands a walk its frames in batches of a size set by the estimate, each frame filled whether read or
     * not, and a second batch costs about as much as the first. The first holds two frames fewer than the estimate
     * (and at least six): 10 covers the hook's five frames, two of the JDK API's and the call site, the path of a
     * {@code Thread.join()} or {@code Future.get()} the application repeats. Reflection's frames are left out here
     * ({@link #isReflection}), as the JDK would leave them out: asked to, it tests each frame's class, on JDK 17 by
     * its name, a tenth of a repeated finding's walk, where the paths test each class once.
     */
    private static final StackWalker WALKER = StackWalker.getInstance(
            Set.of(StackWalker.Option.RETAIN_CLASS_REFERENCE, StackWalker.Option.SHOW_REFLECT_FRAMES), 10);
    private static final ClassLoader PLATFORM = ClassLoader.getPlatformClassLoader();

    /** Set once when the agent starts, before any hook can fire. */
    private static volatile ApplicationCode application = ApplicationCode.ANYTHING_BUT_LIBRARIES;
    /** The paths resolved so far under {@link #application}. */
    private static volatile CapturePaths capturePaths = new CapturePaths(ApplicationCode.ANYTHING_BUT_LIBRARIES);

    private StackCapture() {}

    /** Which classes are the application's, for every capture from now on. */
    public static void use(ApplicationCode applicationCode) {
        application = applicationCode;
        capturePaths = new CapturePaths(applicationCode);
    }

    /**
     * @param callSite the first application frame; without one, the first library frame, else the first JDK frame
     * @param stack the frames from the call site down
     * @param jdkCallers the classes of the JDK frames between the hook and the first frame outside the JDK,
     *     innermost first: through which API the call was made
     * @param inApplication whether an application frame was found
     * @param via the library frame that made the call, when a library stood between the JDK and the application
     * @param libraries the classes of the library frames between the JDK and the application, innermost first
     */
    public record Capture(CallSite callSite, List<String> stack, List<String> jdkCallers, boolean inApplication,
            String via, List<String> libraries) {

        /** A capture with no library in it (a stack the agent made up, or resolved elsewhere). */
        public static Capture direct(CallSite callSite, List<String> stack, boolean inApplication) {
            return new Capture(callSite, stack, List.of(), inApplication, null, List.of());
        }

        /** Whether code other than the JDK's made the call: the application, or a library. */
        public boolean outsideJdk() {
            return inApplication || via != null;
        }

        /** Whether a library, not the application itself, called the JDK. */
        public boolean madeByLibrary() {
            return via != null;
        }
    }

    /**
     * The capture of the current stack. A stack that takes a path already resolved (the same frames from the hook
     * to the call site) gets that capture again: one short walk and a lookup instead of a resolution, which is what
     * keeps a finding repeated in a loop cheap. The stack kept is that of the first call along the path.
     */
    public static Capture here() {
        CapturePaths paths = capturePaths;
        CapturePaths.Path path = WALKER.walk(paths::pathHere);
        if (path == null) {
            return resolveHere();
        }
        Capture known = paths.get(path);
        if (known == null) {
            known = resolveHere();
            paths.put(path, known);
        }
        return known;
    }

    private static Capture resolveHere() {
        return WALKER.walk(frames -> {
            Resolver resolver = new Resolver(application);
            for (StackWalker.StackFrame frame : (Iterable<StackWalker.StackFrame>) frames::iterator) {
                if (isReflection(frame.getDeclaringClass())) {
                    continue;
                }
                if (!resolver.add(frame.getClassName(), isJdk(frame.getDeclaringClass()), frame.getMethodName(),
                        frame.getFileName(), frame.getLineNumber())) {
                    break;
                }
            }
            return resolver.capture();
        });
    }

    /**
     * The same resolution over a stack the JVM already has: an exception's, or another thread's.
     * Frames carry no class here, so JDK code is told by its module or package.
     */
    public static Capture of(StackTraceElement[] frames) {
        Resolver resolver = new Resolver(application);
        for (StackTraceElement frame : frames) {
            if (!resolver.add(frame.getClassName(), isJdkOrPlatform(frame), frame.getMethodName(), frame.getFileName(),
                    frame.getLineNumber())) {
                break;
            }
        }
        return resolver.capture();
    }

    /** Takes the frames innermost first and settles on the call site. */
    private static final class Resolver {
        private final ApplicationCode application;
        private final List<String> jdkCallers = new ArrayList<>();
        private final List<String> libraries = new ArrayList<>();
        /** From the first frame outside the JDK: the stack shown when no application frame turns up. */
        private final List<String> fromFirstCaller = new ArrayList<>(MAX_FRAMES);
        private final List<String> fromApplication = new ArrayList<>(MAX_FRAMES);
        private CallSite firstJdk;
        private CallSite firstLibrary;
        private CallSite applicationFrame;

        Resolver(ApplicationCode application) {
            this.application = application;
        }

        /** @return false once nothing more is needed */
        boolean add(String className, boolean jdk, String method, String file, int line) {
            if (applicationFrame != null) {
                fromApplication.add(new CallSite(className, method, file, line).frame());
                return fromApplication.size() < MAX_FRAMES;
            }
            if (isAgent(className)) {
                return true;
            }
            CallSite site = new CallSite(className, method, file, line);
            if (jdk && firstLibrary == null) {
                jdkCallers.add(className);
                if (firstJdk == null) {
                    firstJdk = site;
                }
                return true;
            }
            if (fromFirstCaller.size() < MAX_FRAMES) {
                fromFirstCaller.add(site.frame());
            }
            if (jdk) {
                return true;
            }
            if (application.isApplication(className)) {
                applicationFrame = site;
                fromApplication.add(site.frame());
                return true;
            }
            if (firstLibrary == null) {
                firstLibrary = site;
            }
            if (libraries.size() < MAX_LIBRARY_FRAMES) {
                libraries.add(className);
            }
            return true;
        }

        Capture capture() {
            String via = firstLibrary == null ? null : firstLibrary.frame();
            if (applicationFrame != null) {
                return new Capture(applicationFrame, List.copyOf(fromApplication), List.copyOf(jdkCallers), true, via,
                        List.copyOf(libraries));
            }
            if (firstLibrary != null) {
                // No application frame: a library's own thread, or a class the heuristics took for a library.
                return new Capture(firstLibrary, List.copyOf(fromFirstCaller), List.copyOf(jdkCallers), false, via,
                        List.copyOf(libraries));
            }
            // Only JDK code on the stack (a JDK thread, a shutdown hook): point at the JDK frame.
            return firstJdk == null
                    ? new Capture(CallSite.UNKNOWN, List.of(), List.copyOf(jdkCallers), false, null, List.of())
                    : new Capture(firstJdk, List.of(firstJdk.frame()), List.copyOf(jdkCallers), false, null, List.of());
        }
    }

    private static boolean isJdkOrPlatform(StackTraceElement frame) {
        String module = frame.getModuleName();
        String name = frame.getClassName();
        return module != null && (module.startsWith("java.") || module.startsWith("jdk."))
                || name.startsWith("java.") || name.startsWith("jdk.") || name.startsWith("sun.")
                || name.startsWith("com.sun.") || isRuntimeClient(name);
    }

    /**
     * Whether a class, by binary name, is the application's own: neither the agent's, nor the runtime client's, nor
     * a known library's (the caller has set the JDK's apart by its class loader).
     */
    public static boolean isApplicationClass(String className) {
        return !isAgent(className) && !isRuntimeClient(className) && application.isApplication(className);
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

    /**
     * Whether a frame's class is reflection's ({@code Method.invoke} and the accessors behind it, generated ones
     * included): a live capture leaves such frames out, so that a JDK API called through reflection (a dynamic
     * language's call, a framework's) is judged as called directly.
     */
    static boolean isReflection(Class<?> type) {
        return type == Method.class || type == Constructor.class || type.getName().startsWith("jdk.internal.reflect.");
    }

    static boolean isJdk(Class<?> type) {
        ClassLoader loader = type.getClassLoader();
        return loader == null || loader == PLATFORM
                || type.getName().startsWith("jdk.internal.reflect.") || isRuntimeClient(type.getName());
    }
}
