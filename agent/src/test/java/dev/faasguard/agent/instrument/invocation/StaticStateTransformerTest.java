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
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
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
        return transformer.transform(getClass().getClassLoader(), type.getName().replace('.', '/'), null, null,
                bytesOf(type));
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
        assertNull(transformer.transform(null, "java/util/ArrayList", null, null, new byte[0]), "the JDK's");
        assertNull(transformer.transform(getClass().getClassLoader(), "org/example/Library", null, null, new byte[0]),
                "not the application's");
        assertNull(transformer.transform(getClass().getClassLoader(),
                WithInitializer.class.getName().replace('.', '/'), WithInitializer.class, null,
                bytesOf(WithInitializer.class)), "a redefinition may not add a method");
    }

    @Test
    void onlyTypesThatMayHoldACollectionAreCandidates() {
        for (String yes : List.of("Ljava/util/List;", "Ljava/util/HashMap;", "Ljava/util/concurrent/ConcurrentHashMap;",
                "Ljava/lang/Object;", "Ljava/lang/Iterable;")) {
            assertTrue(StaticStateTransformer.mayHoldCollection(yes), yes);
        }
        for (String no : List.of("I", "[Ljava/lang/String;", "Ljava/lang/String;", "Ljava/util/function/Supplier;",
                "Lcom/example/Store;", "Ljava/util/concurrent/atomic/AtomicLong;")) {
            assertFalse(StaticStateTransformer.mayHoldCollection(no), no);
        }
    }
}
