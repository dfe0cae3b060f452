package dev.faasguard.bench.state;

import java.io.IOException;
import java.io.InputStream;

/**
 * What {@code state-across-invocations} costs an invocation, as a whole process: {@link Handler#handle} is the
 * function named by {@code faasguard.handler}, each call one whole invocation for the agent (its start, its end, and
 * after it the sampling of every watched field). Before the calls, copies of {@link SixtyFourStatics} (each defined
 * by a class loader of its own, 64 static maps each) are initialized, so that the agent watches that many fields.
 * Prints the milliseconds the calls took; bench/state-across-invocations.sh compares the counts of fields.
 *
 * <p>Arguments: the number of watched fields (a multiple of 64, at most 1,024, the agent's limit), the number of
 * invocations.
 */
public final class StateSampling {

    /** The function: each call an invocation. */
    public static final class Handler {
        public int handle(int input) {
            return input + 1;
        }
    }

    private StateSampling() {}

    public static void main(String[] args) throws IOException, ReflectiveOperationException {
        int fields = Integer.parseInt(args[0]);
        int invocations = Integer.parseInt(args[1]);
        String name = SixtyFourStatics.class.getName();
        byte[] bytes;
        try (InputStream in = SixtyFourStatics.class.getResourceAsStream("/" + name.replace('.', '/') + ".class")) {
            bytes = in.readAllBytes();
        }
        for (int copy = 0; copy < fields / 64; copy++) {
            Class.forName(name, true, new OwnCopy(name, bytes));
        }
        Handler handler = new Handler();
        int result = 0;
        long start = System.nanoTime();
        for (int i = 0; i < invocations; i++) {
            result = handler.handle(result);
        }
        System.out.println((System.nanoTime() - start) / 1_000_000.0 + " " + result);
    }

    /** A class loader that defines its own copy of one class, the rest from its parent. */
    private static final class OwnCopy extends ClassLoader {
        private final String name;
        private final byte[] bytes;

        OwnCopy(String name, byte[] bytes) {
            super(OwnCopy.class.getClassLoader());
            this.name = name;
            this.bytes = bytes;
        }

        @Override
        protected Class<?> loadClass(String className, boolean resolve) throws ClassNotFoundException {
            if (!className.equals(name)) {
                return super.loadClass(className, resolve);
            }
            synchronized (getClassLoadingLock(className)) {
                Class<?> loaded = findLoadedClass(className);
                return loaded != null ? loaded : defineClass(className, bytes, 0, bytes.length);
            }
        }
    }
}
