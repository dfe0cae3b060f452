package dev.faasguard.desugar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Compiles every shape of lambda and method reference (src/test/resources/fixtures) for Java 8, as the
 * OpenTelemetry SDK is, and for Java 17, as the agent is, desugars the jar, and runs both jars side by side:
 * the desugared one must do exactly what the original does, with its lambdas as classes of the jar.
 */
class JarDesugarerTest {

    @TempDir
    Path work;

    @ParameterizedTest(name = "--release {0}")
    @ValueSource(strings = {"8", "17"})
    void desugaredJarBehavesAsTheOriginal(String release) throws Exception {
        Path original = compileFixtures(release);
        Path desugared = Files.copy(original, work.resolve("desugared.jar"));

        DesugarStatistics statistics = JarDesugarer.desugar(desugared, name -> false);

        List<String> expected = run(original);
        assertEquals(expected, run(desugared));
        assertTrue(expected.size() > 30, "the fixture ran: " + expected);
        assertTrue(statistics.replacedCount() >= 30, statistics.toString());
        // The serializable lambda and its twin in $deserializeLambda$, which recreates it from its serialized form.
        assertEquals(2, statistics.keptByReason().get("serializable lambda"), statistics.toString());
        int kept = statistics.keptByReason().values().stream().mapToInt(Integer::intValue).sum();
        assertEquals(kept, lambdaCallSites(desugared), "every call site not counted as kept is gone");
    }

    @Test
    void onJava17AnInnerClassMethodReferenceToItsOuterClassPrivateMethodStaysAnInvokedynamic() throws Exception {
        Path jar = compileFixtures("17");

        DesugarStatistics statistics = JarDesugarer.desugar(jar, name -> false);

        // Nestmates: javac 17 refers to Shapes.describe from Shapes$Inner directly, which only a nestmate may call.
        assertEquals(Map.of("implementation not reachable from another class of its package", 1,
                "serializable lambda", 2), statistics.keptByReason());
    }

    @Test
    void generatedClassesFollowTheirHostAndEverythingElseKeepsItsOrderAndBytes() throws Exception {
        Path jar = compileFixtures("17");
        List<String> before = names(jar);

        JarDesugarer.desugar(jar, name -> false);

        List<String> after = names(jar);
        assertEquals("META-INF/MANIFEST.MF", after.get(0));
        List<String> withoutGenerated = new ArrayList<>(after);
        withoutGenerated.removeIf(name -> name.contains("$$Lambda$"));
        assertEquals(before, withoutGenerated);
        int host = after.indexOf("shapes/Shapes.class");
        assertTrue(after.get(host + 1).startsWith("shapes/Shapes$$Lambda$"), after.toString());
        assertArrayEquals(bytes(compileFixtures("17"), "base/Base.class"), bytes(jar, "base/Base.class"),
                "a class without lambdas is copied byte for byte");
    }

    @Test
    void entriesAskedForAreStoredUncompressedWithTheClassesGeneratedForThem() throws Exception {
        Path original = compileFixtures("17");
        Path jar = Files.copy(original, work.resolve("stored.jar"));

        JarDesugarer.desugar(jar, name -> name.startsWith("shapes/"));

        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry entry : Collections.list(zip.entries())) {
                int expected = entry.getName().startsWith("shapes/") ? ZipEntry.STORED : ZipEntry.DEFLATED;
                assertEquals(expected, entry.getMethod(), entry.getName());
            }
            assertNotNull(zip.getEntry("shapes/Shapes$$Lambda$0.class"));
        }
        assertEquals(run(original), run(jar));
    }

    @Test
    void aJarWithoutLambdasIsLeftAsItWas() throws Exception {
        Path jar = compileFixtures("8");
        Path base = work.resolve("base-only.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(base), manifest())) {
            out.putNextEntry(new JarEntry("base/Base.class"));
            out.write(bytes(jar, "base/Base.class"));
        }
        byte[] classBefore = bytes(base, "base/Base.class");

        DesugarStatistics statistics = JarDesugarer.desugar(base, name -> false);

        assertEquals(0, statistics.replacedCount());
        assertEquals(List.of("META-INF/MANIFEST.MF", "base/Base.class"), names(base));
        assertArrayEquals(classBefore, bytes(base, "base/Base.class"));
    }

    private Path compileFixtures(String release) throws IOException {
        Path sources = Path.of("src/test/resources/fixtures");
        Path classes = Files.createTempDirectory(work, "classes-" + release);
        List<String> arguments = new ArrayList<>(List.of("--release", release, "-nowarn", "-Xlint:-options",
                "-d", classes.toString()));
        try (Stream<Path> files = Files.walk(sources)) {
            files.filter(file -> file.toString().endsWith(".java")).forEach(file -> arguments.add(file.toString()));
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        assertEquals(0, compiler.run(null, null, null, arguments.toArray(new String[0])), "fixtures compile");
        Path jar = Files.createTempFile(work, "fixtures-" + release, ".jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest());
                Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(file));
                out.closeEntry();
            }
        }
        return jar;
    }

    private static Manifest manifest() {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        return manifest;
    }

    @SuppressWarnings("unchecked")
    private static List<String> run(Path jar) throws Exception {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            Method run = loader.loadClass("shapes.Shapes").getMethod("run");
            return (List<String>) run.invoke(null);
        }
    }

    /** LambdaMetafactory call sites left in the jar's classes. */
    private static int lambdaCallSites(Path jar) throws IOException {
        int[] count = new int[1];
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry entry : Collections.list(zip.entries())) {
                if (!entry.getName().endsWith(".class")) {
                    continue;
                }
                try (InputStream in = zip.getInputStream(entry)) {
                    new ClassReader(in.readAllBytes()).accept(new ClassVisitor(Opcodes.ASM9) {
                        @Override
                        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                String[] exceptions) {
                            return new MethodVisitor(Opcodes.ASM9) {
                                @Override
                                public void visitInvokeDynamicInsn(String indyName, String indyDescriptor,
                                        Handle bootstrap, Object... arguments) {
                                    if (bootstrap.getOwner().equals("java/lang/invoke/LambdaMetafactory")) {
                                        count[0]++;
                                    }
                                }
                            };
                        }
                    }, 0);
                }
            }
        }
        return count[0];
    }

    private static List<String> names(Path jar) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return Collections.list(zip.entries()).stream().map(ZipEntry::getName).toList();
        }
    }

    private static byte[] bytes(Path jar, String name) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile()); InputStream in = zip.getInputStream(zip.getEntry(name))) {
            return in.readAllBytes();
        }
    }
}
