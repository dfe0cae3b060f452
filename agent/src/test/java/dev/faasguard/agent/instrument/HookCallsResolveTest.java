package dev.faasguard.agent.instrument;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.FieldVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The muzzle check: every call the instrumentations insert resolves, without starting a JVM with the agent.
 *
 * <p>For every {@link TypeInstrumentation} of {@link Instrumentations#all}, the real target class (the JDK's own,
 * from this JDK and from JDK 25 when present; the AWS runtime client and SDK classes from their jars; a handler
 * from the test classes) goes through the agent's own transformer. Whatever the transformation added to a method is
 * then checked: each {@code INVOKESTATIC} into {@code dev/faasguard/bootstrap} names a public static method of a
 * public hook class with exactly that descriptor; each value pushed for a hook (a field of the instrumented class,
 * a method of it or of an argument) exists in that JDK. And each instrumentation changes at least one method of its
 * class: a JDK method renamed or given new parameters would otherwise silently stop being hooked.
 */
class HookCallsResolveTest {

    private static final String HANDLER = Handler.class.getName() + "::handle";
    private static final String BOOTSTRAP = "dev/faasguard/bootstrap/";

    /** JDK classes that exist only from some feature release on; below it, their instrumentation has nothing to do. */
    private static final Map<String, Integer> SINCE = Map.of("java.lang.VirtualThread", 21);

    /** A handler named as {@code faasguard.handler} names one, for {@code HandlerInstrumentation}. */
    static final class Handler {
        String handle(String input) {
            return input;
        }
    }

    @TestFactory
    Stream<DynamicTest> everyInsertedCallResolvesOnEachJdk() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Jdk jdk : jdks()) {
            for (TypeInstrumentation instrumentation : Instrumentations.all(HANDLER, true)) {
                if (!instrumentation.jdkOnly() && !jdk.running) {
                    continue;
                }
                String name = instrumentation.getClass().getSimpleName() + " on " + instrumentation.className()
                        + " (JDK " + jdk.feature + ")";
                tests.add(DynamicTest.dynamicTest(name, () -> check(instrumentation, jdk)));
            }
        }
        return tests.stream();
    }

    private static void check(TypeInstrumentation instrumentation, Jdk jdk) {
        String internalName = instrumentation.className().replace('.', '/');
        byte[] original = instrumentation.jdkOnly() ? jdk.classBytes(internalName) : classPathBytes(internalName);
        if (original == null) {
            Integer since = SINCE.get(instrumentation.className());
            assertTrue(since != null && jdk.feature < since,
                    instrumentation.className() + " is not in JDK " + jdk.feature + " (" + jdk.home + ")");
            return;
        }
        List<Throwable> failures = new ArrayList<>();
        HookTransformer transformer = new HookTransformer(List.of(instrumentation),
                (type, failure) -> failures.add(failure));
        ClassLoader loader = instrumentation.jdkOnly() ? null : ClassLoader.getSystemClassLoader();
        byte[] transformed = transformer.transform(loader, internalName, null, null, original);
        if (!failures.isEmpty()) {
            throw new AssertionError(instrumentation.className() + " could not be instrumented", failures.get(0));
        }
        assertNotNull(transformed, instrumentation.className() + " was not transformed");

        Map<String, List<String>> before = References.of(original);
        Map<String, List<String>> after = References.of(transformed);
        List<String> problems = new ArrayList<>();
        int hookedMethods = 0;
        for (Map.Entry<String, List<String>> method : after.entrySet()) {
            List<String> inserted = new ArrayList<>(method.getValue());
            for (String reference : before.getOrDefault(method.getKey(), List.of())) {
                inserted.remove(reference);
            }
            boolean hooked = false;
            for (String reference : inserted) {
                String problem = resolve(reference, jdk);
                if (problem != null) {
                    problems.add(method.getKey() + ": " + problem);
                }
                hooked |= reference.startsWith("INVOKESTATIC " + BOOTSTRAP);
            }
            hookedMethods += hooked ? 1 : 0;
        }
        if (hookedMethods == 0) {
            problems.add("no method of " + instrumentation.className() + " is hooked on JDK " + jdk.feature
                    + ": were the methods it matches renamed, or their parameters changed?");
        }
        if (!problems.isEmpty()) {
            fail(instrumentation.getClass().getSimpleName() + " on JDK " + jdk.feature + ":\n  "
                    + String.join("\n  ", problems));
        }
    }

    /** @return null when the inserted reference resolves, else what is wrong with it */
    private static String resolve(String reference, Jdk jdk) {
        String[] parts = reference.split(" ");
        String opcode = parts[0];
        String owner = parts[1];
        String name = parts[2];
        String descriptor = parts[3];
        if (opcode.equals("INVOKESTATIC")) {
            return owner.startsWith(BOOTSTRAP) ? resolveHook(owner, name, descriptor)
                    : "inserts a static call outside the bootstrap hooks: " + owner + "." + name + descriptor;
        }
        return resolveMember(opcode, owner, name, descriptor, jdk);
    }

    /** The hook must be a public static method of a public class of the bootstrap, with exactly that descriptor. */
    private static String resolveHook(String owner, String name, String descriptor) {
        String call = owner.substring(BOOTSTRAP.length()) + "." + name + descriptor;
        Class<?> hooks;
        try {
            hooks = Class.forName(owner.replace('/', '.'), false, HookCallsResolveTest.class.getClassLoader());
        } catch (ClassNotFoundException missing) {
            return call + ": no such hook class in the bootstrap";
        }
        if (!Modifier.isPublic(hooks.getModifiers())) {
            return call + ": " + hooks.getSimpleName() + " is not public";
        }
        Set<String> sameName = new TreeSet<>();
        for (Method method : hooks.getDeclaredMethods()) {
            if (!method.getName().equals(name)) {
                continue;
            }
            String actual = Type.getMethodDescriptor(method);
            if (actual.equals(descriptor)) {
                int modifiers = method.getModifiers();
                return Modifier.isPublic(modifiers) && Modifier.isStatic(modifiers) ? null
                        : call + ": the hook is not public static";
            }
            sameName.add(name + actual);
        }
        return call + ": no such hook" + (sameName.isEmpty() ? "" : "; " + hooks.getSimpleName() + " has " + sameName);
    }

    /** A value pushed for a hook: a field read or a method called on the instrumented class or an argument. */
    private static String resolveMember(String opcode, String owner, String name, String descriptor, Jdk jdk) {
        String member = opcode + " " + owner + "." + name + (opcode.equals("GETFIELD") ? " " : "") + descriptor;
        boolean field = opcode.equals("GETFIELD") || opcode.equals("GETSTATIC");
        for (String type = owner; type != null; ) {
            byte[] bytes = jdk.classBytes(type) != null ? jdk.classBytes(type) : classPathBytes(type);
            if (bytes == null) {
                return member + ": " + type + " not found";
            }
            Members members = Members.of(bytes);
            if (type.equals(owner) && opcode.equals("INVOKEVIRTUAL") && members.isInterface) {
                return member + ": " + owner + " is an interface";
            }
            if ((field ? members.fields : members.methods).contains(name + " " + descriptor)) {
                return null;
            }
            type = members.superName;
        }
        return member + ": no such " + (field ? "field" : "method");
    }

    private static byte[] classPathBytes(String internalName) {
        try (InputStream in = ClassLoader.getSystemResourceAsStream(internalName + ".class")) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** This JDK, and JDK 25 as the integration tests find it (required under CI, like them). */
    private static List<Jdk> jdks() {
        List<Jdk> jdks = new ArrayList<>();
        Path running = Path.of(System.getProperty("java.home"));
        jdks.add(new Jdk(running, Runtime.version().feature(), FileSystems.getFileSystem(URI.create("jrt:/")), true));
        Path jdk25 = Path.of(System.getProperty("faasguard.test.jdk25", "/usr/lib/jvm/temurin-25-jdk-amd64"));
        if (Files.isRegularFile(jdk25.resolve("lib/jrt-fs.jar")) && !isSameFile(jdk25, running)) {
            try {
                FileSystem image = FileSystems.newFileSystem(URI.create("jrt:/"), Map.of("java.home", jdk25.toString()));
                jdks.add(new Jdk(jdk25, featureOf(jdk25), image, false));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else if ("true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("CI=true but JDK 25 is missing at " + jdk25);
        }
        return jdks;
    }

    private static boolean isSameFile(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    /** JAVA_VERSION of the JDK's {@code release} file: {@code "25"}, {@code "17.0.12"}. */
    private static int featureOf(Path home) {
        try {
            for (String line : Files.readAllLines(home.resolve("release"))) {
                if (line.startsWith("JAVA_VERSION=")) {
                    String version = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                    return Integer.parseInt(version.split("[.+-]")[0]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("no JAVA_VERSION in " + home.resolve("release"));
    }

    /** One JDK's class files, read from its runtime image. */
    private static final class Jdk {
        final Path home;
        final int feature;
        final boolean running;
        private final List<Path> modules = new ArrayList<>();
        private final Map<String, byte[]> cache = new HashMap<>();

        Jdk(Path home, int feature, FileSystem image, boolean running) {
            this.home = home;
            this.feature = feature;
            this.running = running;
            try (DirectoryStream<Path> all = Files.newDirectoryStream(image.getPath("/modules"))) {
                all.forEach(modules::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The class file, or null when no module of this JDK has it. */
        byte[] classBytes(String internalName) {
            return cache.computeIfAbsent(internalName, name -> {
                for (Path module : modules) {
                    Path file = module.resolve(name + ".class");
                    if (Files.isRegularFile(file)) {
                        try {
                            return Files.readAllBytes(file);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }
                }
                return null;
            });
        }
    }

    /** Per method ({@code name + descriptor}), the members its code references, one entry per instruction. */
    private static final class References {

        static Map<String, List<String>> of(byte[] classFile) {
            Map<String, List<String>> byMethod = new LinkedHashMap<>();
            new ClassReader(classFile).accept(new ClassVisitor(Instrumentations.ASM_API) {
                @Override
                public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                        String[] exceptions) {
                    List<String> references = byMethod.computeIfAbsent(name + descriptor, key -> new ArrayList<>());
                    return new MethodVisitor(Instrumentations.ASM_API) {
                        @Override
                        public void visitMethodInsn(int opcode, String owner, String method, String methodDescriptor,
                                boolean isInterface) {
                            references.add(opcodeName(opcode) + " " + owner + " " + method + " " + methodDescriptor);
                        }

                        @Override
                        public void visitFieldInsn(int opcode, String owner, String field, String fieldDescriptor) {
                            references.add(opcodeName(opcode) + " " + owner + " " + field + " " + fieldDescriptor);
                        }
                    };
                }
            }, ClassReader.SKIP_FRAMES | ClassReader.SKIP_DEBUG);
            return byMethod;
        }

        private static String opcodeName(int opcode) {
            switch (opcode) {
                case Opcodes.INVOKESTATIC: return "INVOKESTATIC";
                case Opcodes.INVOKEVIRTUAL: return "INVOKEVIRTUAL";
                case Opcodes.INVOKEINTERFACE: return "INVOKEINTERFACE";
                case Opcodes.INVOKESPECIAL: return "INVOKESPECIAL";
                case Opcodes.GETFIELD: return "GETFIELD";
                case Opcodes.GETSTATIC: return "GETSTATIC";
                case Opcodes.PUTFIELD: return "PUTFIELD";
                default: return "PUTSTATIC";
            }
        }
    }

    /** The fields and methods a class declares, and its superclass. */
    private static final class Members {
        final Set<String> fields = new TreeSet<>();
        final Set<String> methods = new TreeSet<>();
        String superName;
        boolean isInterface;

        static Members of(byte[] classFile) {
            Members members = new Members();
            new ClassReader(classFile).accept(new ClassVisitor(Instrumentations.ASM_API) {
                @Override
                public void visit(int version, int access, String name, String signature, String superName,
                        String[] interfaces) {
                    members.superName = superName;
                    members.isInterface = (access & Opcodes.ACC_INTERFACE) != 0;
                }

                @Override
                public FieldVisitor visitField(int access, String name, String descriptor, String signature,
                        Object value) {
                    members.fields.add(name + " " + descriptor);
                    return null;
                }

                @Override
                public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                        String[] exceptions) {
                    members.methods.add(name + " " + descriptor);
                    return null;
                }
            }, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
            return members;
        }
    }
}
