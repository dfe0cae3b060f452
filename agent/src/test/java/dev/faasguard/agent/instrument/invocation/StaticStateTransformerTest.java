package dev.faasguard.agent.instrument.invocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.state.StaticShapes.NothingToWatch;
import com.example.state.StaticShapes.WithInitializer;
import com.example.state.StaticShapes.WithoutInitializer;
import dev.faasguard.bootstrap.InvocationHooks;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.FieldVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import org.junit.jupiter.api.Test;

/**
 * Which classes get the hook at the end of their static initializer, and that the rewritten classes load, initialize
 * as before and call a hook that exists.
 */
class StaticStateTransformerTest {

    private final List<String> failures = new ArrayList<>();
    private final StaticStateTransformer transformer = new StaticStateTransformer(
            name -> name.startsWith("com.example."),
            (type, failure) -> failures.add(type + ": " + failure));

    private static byte[] bytesOf(Class<?> type) throws IOException {
        try (InputStream in = type.getResourceAsStream("/" + type.getName().replace('.', '/') + ".class")) {
            return in.readAllBytes();
        }
    }

    private byte[] transform(Class<?> type) throws IOException {
        return transformer.transform(getClass().getModule(), getClass().getClassLoader(),
                type.getName().replace('.', '/'), null, null, bytesOf(type));
    }

    /** How many times each static initializer calls the hook. */
    private static int hookCalls(byte[] bytes) {
        int[] calls = {0};
        new ClassReader(bytes).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                    String[] exceptions) {
                return !name.equals("<clinit>") ? null : new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitMethodInsn(int opcode, String owner, String method, String desc, boolean itf) {
                        if (owner.equals("dev/faasguard/bootstrap/InvocationHooks") && method.equals("classInitialized")) {
                            calls[0]++;
                        }
                    }
                };
            }
        }, 0);
        return calls[0];
    }

    /** Defines the rewritten class in a loader of its own and initializes it. */
    private static Class<?> initialize(Class<?> type, byte[] bytes) throws Exception {
        ClassLoader loader = new ClassLoader(StaticStateTransformerTest.class.getClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                if (name.equals(type.getName())) {
                    synchronized (getClassLoadingLock(name)) {
                        Class<?> loaded = findLoadedClass(name);
                        return loaded != null ? loaded : defineClass(name, bytes, 0, bytes.length);
                    }
                }
                return super.loadClass(name, resolve);
            }
        };
        return Class.forName(type.getName(), true, loader);
    }

    @Test
    void theHookIsCalledWithTheClassAtTheEndOfItsStaticInitializer() throws Exception {
        byte[] rewritten = transform(WithInitializer.class);
        assertNotNull(rewritten);
        assertEquals(1, hookCalls(rewritten));
        Class<?> loaded = initialize(WithInitializer.class, rewritten);
        assertEquals(List.of("first"), loaded.getDeclaredField("ITEMS").get(null), "the initializer ran as before");
        assertTrue(Modifier.isPublic(InvocationHooks.class.getMethod(StaticStateTransformer.HOOK, Class.class)
                .getModifiers()));
        assertEquals(List.of(), failures);
    }

    @Test
    void aClassWithoutAStaticInitializerGetsOneThatCallsTheHook() throws Exception {
        byte[] rewritten = transform(WithoutInitializer.class);
        assertEquals(1, hookCalls(rewritten));
        assertNull(initialize(WithoutInitializer.class, rewritten).getDeclaredField("cache").get(null));
    }

    @Test
    void classesWithNoStaticFieldThatMayHoldACollectionAreLeftAlone() throws IOException {
        assertNull(transform(NothingToWatch.class));
        Module unnamed = getClass().getModule();
        assertNull(transformer.transform(Object.class.getModule(), null, "java/util/ArrayList", null, null, new byte[0]),
                "the JDK's");
        assertNull(transformer.transform(unnamed, getClass().getClassLoader(), "org/example/Library", null, null,
                new byte[0]), "not the application's");
        assertNull(transformer.transform(Object.class.getModule(), getClass().getClassLoader(),
                WithInitializer.class.getName().replace('.', '/'), null, null, bytesOf(WithInitializer.class)),
                "a named module's class cannot read the hook class");
        assertNull(transformer.transform(unnamed, getClass().getClassLoader(),
                WithInitializer.class.getName().replace('.', '/'), WithInitializer.class, null,
                bytesOf(WithInitializer.class)), "a redefinition may not add a method");
    }

    /** What ASM says of a class file's static fields: the reference the byte-level field table must agree with. */
    private static boolean asmSaysWorthWatching(byte[] classFile) {
        boolean[] found = {false};
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public FieldVisitor visitField(int access, String name, String descriptor,
                    String signature, Object value) {
                String packageName = descriptor.startsWith("L")
                        ? descriptor.substring(1, Math.max(1, descriptor.lastIndexOf('/'))) : "";
                found[0] |= (access & Opcodes.ACC_STATIC) != 0 && (packageName.equals("java/util")
                        || packageName.equals("java/util/concurrent") || descriptor.equals("Ljava/lang/Object;")
                        || descriptor.equals("Ljava/lang/Iterable;"));
                return null;
            }
        }, ClassReader.SKIP_CODE);
        return found[0];
    }

    @Test
    void theFieldTableReadFromTheBytesAgreesWithAsmOnEveryClassOfAJar() throws IOException {
        String jar = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> entry.contains("jackson-databind")).findFirst().orElseThrow();
        int classes = 0;
        int watched = 0;
        try (JarFile file = new JarFile(jar)) {
            for (JarEntry entry : Collections.list(file.entries())) {
                if (entry.getName().endsWith(".class") && !entry.getName().endsWith("module-info.class")) {
                    byte[] bytes = file.getInputStream(entry).readAllBytes();
                    boolean expected = asmSaysWorthWatching(bytes);
                    assertEquals(expected, FieldTable.worthWatching(bytes), entry.getName());
                    classes++;
                    watched += expected ? 1 : 0;
                }
            }
        }
        assertTrue(classes > 500 && watched > 5, classes + " classes, " + watched + " with a candidate");
    }

    /** A constant pool's UTF-8 entry: its tag, its length, its bytes. */
    private static byte[] utf8Entry(String text) {
        byte[] bytes = FieldTable.bytes(text);
        byte[] entry = new byte[bytes.length + 3];
        entry[0] = 1;
        entry[1] = (byte) (bytes.length >> 8);
        entry[2] = (byte) bytes.length;
        System.arraycopy(bytes, 0, entry, 3, bytes.length);
        return entry;
    }

    @Test
    void onlyTypesThatMayHoldACollectionAreCandidates() {
        for (String yes : List.of("Ljava/util/List;", "Ljava/util/HashMap;", "Ljava/util/concurrent/ConcurrentHashMap;",
                "Ljava/lang/Object;", "Ljava/lang/Iterable;")) {
            assertTrue(FieldTable.mayHoldCollection(utf8Entry(yes), 0), yes);
        }
        for (String no : List.of("I", "[Ljava/lang/String;", "Ljava/lang/String;", "Ljava/util/function/Supplier;",
                "Lcom/example/Store;", "Ljava/util/concurrent/atomic/AtomicLong;",
                "Ljava/utility/Bag;")) {
            assertFalse(FieldTable.mayHoldCollection(utf8Entry(no), 0), no);
        }
    }
}
