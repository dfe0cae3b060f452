package dev.faasguard.agent.instrument.exceptions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * The static half of {@code swallowed-exception}: which catch blocks of real compiled code drop their exception
 * ({@link CatchBlocks}: sinners named {@code drops*}, twins {@code keeps*}), and what the transformer makes of them.
 */
class CatchBlocksTest {

    @Test
    void everySinnerAndNoTwinDropsItsException() throws IOException {
        ClassNode type = classNode(CatchBlocks.class);
        Map<String, Integer> dropping = new TreeMap<>();
        for (MethodNode method : type.methods) {
            dropping.put(method.name, DroppingHandlers.of(type.name, method).size());
        }
        List<String> wrong = new ArrayList<>();
        dropping.forEach((method, count) -> {
            // dropsInALambda only makes the lambda: its body, lambda$dropsInALambda$0, holds the catch block.
            boolean sinner = method.startsWith("drops") && !method.equals("dropsInALambda")
                    || method.startsWith("lambda$drops");
            int expected = sinner ? 1 : 0;
            if (count != expected) {
                wrong.add(method + ": " + count + " dropping handlers, expected " + expected);
            }
        });
        assertEquals(List.of(), wrong, dropping.toString());
        assertTrue(dropping.keySet().stream().anyMatch(name -> name.startsWith("lambda$dropsInALambda")), "lambda body");
    }

    @Test
    void theHookGoesFirstInTheCatchBlockWithTheCatchSite() throws Exception {
        byte[] rewritten = CatchSiteTransformer.rewrite(bytes(CatchBlocks.class));
        assertNotNull(rewritten);
        ClassNode type = new ClassNode();
        new ClassReader(rewritten).accept(type, 0);
        List<String> source = Files.readAllLines(Path.of("src/test/java/dev/faasguard/agent/instrument/exceptions/CatchBlocks.java"));
        List<String> hooked = new ArrayList<>();
        for (MethodNode method : type.methods) {
            for (AbstractInsnNode insn : method.instructions) {
                if (insn instanceof MethodInsnNode call && call.owner.equals(DroppedHook.OWNER)) {
                    List<Object> pushed = constantsBefore(call, 4);
                    assertEquals(List.of(CatchBlocks.class.getName(), method.name, "CatchBlocks.java"),
                            pushed.subList(0, 3));
                    int line = (Integer) pushed.get(3);
                    assertTrue(source.get(line - 1).contains("catch ("), method.name + ": line " + line + " is "
                            + source.get(line - 1).strip());
                    hooked.add(method.name);
                }
            }
        }
        assertEquals(7, hooked.size(), hooked.toString());
        assertTrue(hooked.stream().allMatch(name -> name.contains("drops")), hooked.toString());
    }

    @Test
    void theRewrittenClassVerifiesAndBehavesTheSame() throws Exception {
        byte[] rewritten = CatchSiteTransformer.rewrite(bytes(CatchBlocks.class));
        Class<?> type = new ClassLoader(getClass().getClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                if (name.equals(CatchBlocks.class.getName())) {
                    synchronized (getClassLoadingLock(name)) {
                        Class<?> loaded = findLoadedClass(name);
                        return loaded != null ? loaded : defineClass(name, rewritten, 0, rewritten.length);
                    }
                }
                return super.loadClass(name, resolve);
            }
        }.loadClass(CatchBlocks.class.getName());
        var constructor = type.getDeclaredConstructor();
        constructor.setAccessible(true);
        Object blocks = constructor.newInstance();
        assertEquals(0, call(type, blocks, "dropsInAnEmptyCatch", "x"));
        assertEquals("error", call(type, blocks, "dropsAfterLoggingOnlyTheMessageWithSlf4j", "x"));
        assertEquals("ok 7", call(type, blocks, "dropsAfterLoggingOnlyTheMessageWithSlf4j", "7"));
        assertTrue(((String) call(type, blocks, "dropsWithAGenericAnswer", "x")).contains("bad number"));
        assertTrue(((String) call(type, blocks, "dropsThroughAStringBuilder", "x")).startsWith("failed: "));
        assertEquals(-1, ((Callable<?>) call(type, blocks, "dropsInALambda", "x")).call());
        var thrown = assertThrows(java.lang.reflect.InvocationTargetException.class,
                () -> call(type, blocks, "dropsWhenThrowingAnotherWithoutItsCause", "x"));
        assertEquals("bad input: For input string: \"x\"", thrown.getCause().getMessage());
    }

    @Test
    void classesWithoutADroppingCatchBlockAreLeftAsTheyAre() throws IOException {
        assertTrue(CatchSiteTransformer.rewrite(bytes(SwitchOnEnum.class)) == null, "no catch block");
        byte[] lookup = bytes(SwitchOnEnum.class.getName() + "$1");
        assertTrue(new String(lookup, java.nio.charset.StandardCharsets.ISO_8859_1).contains("NoSuchFieldError"));
        assertTrue(CatchSiteTransformer.rewrite(lookup) == null,
                "javac's enum switch table drops NoSuchFieldError by design");
        assertTrue(CatchSiteTransformer.rewrite(bytes(CatchSiteTransformer.class.getName())) == null,
                "its one catch block reports what it caught");
    }

    @Test
    void onlyTheApplicationsClassesAreTransformed() throws IOException {
        byte[] sinner = bytes(CatchBlocks.class);
        List<String> failures = new ArrayList<>();
        CatchSiteTransformer transformer = new CatchSiteTransformer(name -> !name.startsWith("org.example.library."),
                (type, failure) -> failures.add(type + ": " + failure));
        ClassLoader application = getClass().getClassLoader();
        Module unnamed = application.getUnnamedModule();
        assertNotNull(transformer.transform(unnamed, application, "com/example/Fn", null, null, sinner));
        assertTrue(transformer.transform(unnamed, null, "com/example/Fn", null, null, sinner) == null, "the JDK's");
        assertTrue(transformer.transform(unnamed, ClassLoader.getPlatformClassLoader(), "com/example/Fn", null, null,
                sinner) == null, "the JDK's");
        assertTrue(transformer.transform(unnamed, application, "org/example/library/Fn", null, null, sinner) == null,
                "a library's, or the agent's: what the predicate says is not the application's");
        assertTrue(transformer.transform(Object.class.getModule(), application, "com/example/Fn", null, null, sinner)
                == null, "a named module's: it cannot read the hook class");
        assertTrue(transformer.transform(unnamed, application, "com/example/Broken", null, null, new byte[] {1, 2})
                == null, "a class that cannot be read is left as it is");
        assertEquals(1, failures.size(), "and reported: " + failures);
    }

    @Test
    void theInsertedCallIsThePublicStaticHookOfTheBootstrap() throws Exception {
        Method hook = Class.forName(DroppedHook.OWNER.replace('/', '.')).getMethod(DroppedHook.NAME, Throwable.class,
                String.class, String.class, String.class, int.class);
        assertEquals(DroppedHook.DESCRIPTOR, Type.getMethodDescriptor(hook));
        assertTrue(java.lang.reflect.Modifier.isStatic(hook.getModifiers()));
    }

    private static Object call(Class<?> type, Object target, String method, String argument) throws Exception {
        Method declared = type.getDeclaredMethod(method, String.class);
        declared.setAccessible(true);
        return declared.invoke(target, argument);
    }

    /** The {@code count} constants pushed right before {@code call} (ACONST_NULL as null). */
    private static List<Object> constantsBefore(AbstractInsnNode call, int count) {
        List<Object> constants = new ArrayList<>();
        AbstractInsnNode insn = call.getPrevious();
        for (int i = 0; i < count; i++, insn = insn.getPrevious()) {
            constants.add(0, insn instanceof LdcInsnNode ldc ? ldc.cst : null);
        }
        return constants;
    }

    private static ClassNode classNode(Class<?> type) throws IOException {
        ClassNode node = new ClassNode();
        new ClassReader(bytes(type)).accept(node, 0);
        return node;
    }

    private static byte[] bytes(Class<?> type) throws IOException {
        return bytes(type.getName());
    }

    private static byte[] bytes(String className) throws IOException {
        try (InputStream in = CatchBlocksTest.class.getClassLoader()
                .getResourceAsStream(className.replace('.', '/') + ".class")) {
            return in.readAllBytes();
        }
    }
}
