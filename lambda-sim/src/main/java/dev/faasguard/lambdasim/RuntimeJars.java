package dev.faasguard.lambdasim;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The AWS Lambda runtime interface client and its dependencies, bundled inside lambda-sim (the build copies them
 * into {@code lambda-sim-runtime/}); they go on the FUNCTION's classpath, never on lambda-sim's.
 */
final class RuntimeJars {
    static final String RESOURCE_DIR = "lambda-sim-runtime";

    private RuntimeJars() {
    }

    /** Copies the bundled jars into {@code target} and returns them, sorted by name. */
    static List<Path> copyTo(Path target) throws IOException {
        Files.createDirectories(target);
        Path source = codeSource();
        List<Path> copied = new ArrayList<>();
        if (Files.isDirectory(source)) {
            Path dir = source.resolve(RESOURCE_DIR);
            if (!Files.isDirectory(dir)) {
                throw new IOException("no bundled runtime interface client in " + dir + " (build lambda-sim with Maven)");
            }
            try (Stream<Path> files = Files.list(dir)) {
                for (Path jar : files.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                    copied.add(Files.copy(jar, target.resolve(jar.getFileName().toString()),
                            StandardCopyOption.REPLACE_EXISTING));
                }
            }
        } else {
            try (JarFile self = new JarFile(source.toFile())) {
                Enumeration<JarEntry> entries = self.entries();
                while (entries.hasMoreElements()) {
                    JarEntry e = entries.nextElement();
                    String name = e.getName();
                    if (name.startsWith(RESOURCE_DIR + "/") && name.endsWith(".jar")) {
                        Path out = target.resolve(name.substring(RESOURCE_DIR.length() + 1));
                        try (InputStream in = self.getInputStream(e)) {
                            Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                        }
                        copied.add(out);
                    }
                }
            }
        }
        if (copied.stream().noneMatch(p -> p.getFileName().toString().startsWith("aws-lambda-java-runtime-interface-client"))) {
            throw new IOException("the runtime interface client is not bundled in " + source);
        }
        copied.sort(null);
        return copied;
    }

    /**
     * Extracts the runtime client's JNI library for this machine (glibc, x86_64 or aarch64) from its jar into
     * {@code dir}, or returns null (musl, other architectures). Used without the sandbox only: the client would
     * otherwise unpack it to the host's shared {@code /tmp/.libaws-lambda-jni.so}, which another user's copy blocks.
     */
    static Path extractJniLibrary(List<Path> runtimeJars, Path dir) throws IOException {
        String arch = switch (System.getProperty("os.arch", "")) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch_64";
            default -> null;
        };
        boolean musl;
        try (Stream<Path> lib = Files.list(Path.of("/lib"))) {
            musl = lib.anyMatch(p -> p.getFileName().toString().startsWith("ld-musl-"));
        } catch (IOException e) {
            musl = false;
        }
        if (arch == null || musl) {
            return null;
        }
        for (Path jar : runtimeJars) {
            if (!jar.getFileName().toString().startsWith("aws-lambda-java-runtime-interface-client")) {
                continue;
            }
            try (JarFile jf = new JarFile(jar.toFile())) {
                JarEntry e = jf.getJarEntry("jni/libaws-lambda-jni.linux-" + arch + ".so");
                if (e == null) {
                    return null;
                }
                Path out = dir.resolve("libaws-lambda-jni.so");
                try (InputStream in = jf.getInputStream(e)) {
                    Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                }
                return out;
            }
        }
        return null;
    }

    private static Path codeSource() throws IOException {
        try {
            return Path.of(RuntimeJars.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IOException("cannot locate lambda-sim's own code", e);
        }
    }
}
