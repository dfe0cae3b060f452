package dev.faasguard.agent.finding;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The captures already resolved, by the path a stack takes from the hook to its call site: the class and bytecode
 * index of each frame on the way (the agent's own left out), and the method and line of the call site. All that a
 * capture says about the call (the call site, the JDK API and the libraries it went through) follows from the path,
 * so a stack along a known path needs no resolution: reading a path takes the frames' classes and one line number,
 * never a string per frame. At most {@link #MAX_PATHS} paths are kept; a full cache starts over.
 */
final class CapturePaths {

    /** Enough for every line of a large function that finds something; each holds what its finding holds. */
    static final int MAX_PATHS = 4096;
    /** A path longer than this (a deep stack with no application frame) is resolved each time. */
    private static final int MAX_PATH_FRAMES = 256;

    /** {@code PASSED_OVER}: the agent's own frames and reflection's, which a capture leaves out. */
    private enum Kind { PASSED_OVER, JDK, APPLICATION, LIBRARY }

    /** What each class's frames are, decided once per class as {@link StackCapture}'s resolution decides it. */
    private final ClassValue<Kind> kinds;
    private final ConcurrentHashMap<Path, StackCapture.Capture> captures = new ConcurrentHashMap<>();

    CapturePaths(ApplicationCode application) {
        kinds = new ClassValue<>() {
            @Override
            protected Kind computeValue(Class<?> type) {
                String name = type.getName();
                if (StackCapture.isAgent(name) || StackCapture.isReflection(type)) {
                    return Kind.PASSED_OVER;
                }
                if (StackCapture.isJdk(type)) {
                    return Kind.JDK;
                }
                return application.isApplication(name) ? Kind.APPLICATION : Kind.LIBRARY;
            }
        };
    }

    /** The path of the stack being walked, innermost frame first; null when it is too long to keep. */
    Path pathHere(Stream<StackWalker.StackFrame> frames) {
        Class<?>[] classes = new Class<?>[8];
        int[] positions = new int[8];
        int length = 0;
        StackWalker.StackFrame callSite = null;
        StackWalker.StackFrame firstJdk = null;
        for (Iterator<StackWalker.StackFrame> walk = frames.iterator(); walk.hasNext(); ) {
            StackWalker.StackFrame frame = walk.next();
            Class<?> type = frame.getDeclaringClass();
            Kind kind = kinds.get(type);
            if (kind == Kind.PASSED_OVER) {
                continue;
            }
            if (length == MAX_PATH_FRAMES) {
                return null;
            }
            if (length == classes.length) {
                classes = Arrays.copyOf(classes, length * 2);
                positions = Arrays.copyOf(positions, length * 2);
            }
            classes[length] = type;
            positions[length++] = frame.getByteCodeIndex();
            if (kind == Kind.APPLICATION) {
                callSite = frame;
                break;
            }
            if (kind == Kind.LIBRARY && callSite == null) {
                // Without an application frame further up, the first library frame is the call site.
                callSite = frame;
            } else if (kind == Kind.JDK && firstJdk == null) {
                firstJdk = frame;
            }
        }
        if (callSite == null) {
            callSite = firstJdk;
        }
        // One StackTraceElement, for the call site's method and line: the frames' methods need none.
        StackTraceElement site = callSite == null ? null : callSite.toStackTraceElement();
        return new Path(classes, positions, length, site == null ? null : site.getMethodName(),
                site == null ? -1 : site.getLineNumber());
    }

    StackCapture.Capture get(Path path) {
        return captures.get(path);
    }

    void put(Path path, StackCapture.Capture capture) {
        if (captures.size() >= MAX_PATHS) {
            captures.clear();
        }
        captures.put(path, capture);
    }

    /** The frames from the hook to the call site, the first {@code length} of the arrays; equal paths resolve alike. */
    static final class Path {
        private final Class<?>[] classes;
        private final int[] positions;
        private final int length;
        private final String method;
        private final int line;
        private final int hash;

        Path(Class<?>[] classes, int[] positions, int length, String method, int line) {
            this.classes = classes;
            this.positions = positions;
            this.length = length;
            this.method = method;
            this.line = line;
            int h = line;
            for (int i = 0; i < length; i++) {
                h = 31 * (31 * h + classes[i].hashCode()) + positions[i];
            }
            this.hash = h;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Path path && hash == path.hash && line == path.line && length == path.length
                    && Arrays.equals(positions, 0, length, path.positions, 0, length)
                    && Arrays.equals(classes, 0, length, path.classes, 0, length)
                    && Objects.equals(method, path.method);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
