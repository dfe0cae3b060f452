package dev.faasguard.agent.instrument.invocation;

import java.nio.charset.StandardCharsets;

/**
 * Whether a class file declares a static field that may hold a collection or a map, read straight from its bytes:
 * the constant pool is walked for its offsets and the field table read, no string made and nothing else parsed. Every
 * application class the JVM loads goes through this, most of them before the JIT has compiled anything, so it must
 * cost little more than the bytes it reads; only the few classes it answers yes for are parsed by ASM.
 */
final class FieldTable {

    private static final int ACC_STATIC = 0x0008;
    /** Java 5: the first class file version in which a class constant can be loaded ({@code ldc}). */
    private static final int JAVA_5 = 49;
    private static final byte[] JAVA_UTIL = bytes("Ljava/util/");
    private static final byte[] CONCURRENT = bytes("concurrent/");
    private static final byte[] OBJECT = bytes("Ljava/lang/Object;");
    private static final byte[] ITERABLE = bytes("Ljava/lang/Iterable;");

    private FieldTable() {}

    /**
     * @return true when the class file has a static field declared with a type of {@code java.util} or
     *     {@code java.util.concurrent}, {@code Object} or {@code Iterable}, and can be given a class constant; true
     *     also for a constant pool entry it does not know (a newer class file: ASM decides)
     */
    static boolean worthWatching(byte[] classFile) {
        if (u2(classFile, 6) < JAVA_5) {
            return false;
        }
        int count = u2(classFile, 8);
        int[] offsets = new int[count];
        int at = 10;
        for (int i = 1; i < count; i++) {
            offsets[i] = at;
            switch (classFile[at]) {
                case 1 -> at += 3 + u2(classFile, at + 1);
                case 3, 4, 9, 10, 11, 12, 17, 18 -> at += 5;
                case 5, 6 -> {
                    at += 9;
                    i++;
                }
                case 7, 8, 16, 19, 20 -> at += 3;
                case 15 -> at += 4;
                default -> {
                    return true;
                }
            }
        }
        at += 6;
        at += 2 + 2 * u2(classFile, at);
        int fields = u2(classFile, at);
        at += 2;
        for (int field = 0; field < fields; field++) {
            if ((u2(classFile, at) & ACC_STATIC) != 0 && mayHoldCollection(classFile, offsets[u2(classFile, at + 4)])) {
                return true;
            }
            int attributes = u2(classFile, at + 6);
            at += 8;
            for (int attribute = 0; attribute < attributes; attribute++) {
                at += 6 + u4(classFile, at + 2);
            }
        }
        return false;
    }

    /**
     * Whether the UTF-8 constant at {@code entry} is the descriptor of a type of {@code java.util} or
     * {@code java.util.concurrent} (where the JDK's collections are; a non-collection one costs one check per sample),
     * {@code Object} or {@code Iterable}. A field declared with the application's own type is not followed.
     */
    static boolean mayHoldCollection(byte[] classFile, int entry) {
        int length = u2(classFile, entry + 1);
        int start = entry + 3;
        if (equalAt(classFile, start, length, OBJECT) || equalAt(classFile, start, length, ITERABLE)) {
            return true;
        }
        if (!startsAt(classFile, start, length, JAVA_UTIL)) {
            return false;
        }
        int simpleName = start + JAVA_UTIL.length;
        if (startsAt(classFile, simpleName, start + length - simpleName, CONCURRENT)) {
            simpleName += CONCURRENT.length;
        }
        for (int i = simpleName; i < start + length; i++) {
            if (classFile[i] == '/') {
                return false;
            }
        }
        return true;
    }

    private static boolean equalAt(byte[] classFile, int start, int length, byte[] expected) {
        return length == expected.length && startsAt(classFile, start, length, expected);
    }

    private static boolean startsAt(byte[] classFile, int start, int length, byte[] prefix) {
        if (length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (classFile[start + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int u2(byte[] bytes, int at) {
        return (bytes[at] & 0xFF) << 8 | bytes[at + 1] & 0xFF;
    }

    private static int u4(byte[] bytes, int at) {
        return u2(bytes, at) << 16 | u2(bytes, at + 2);
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
