package dev.faasguard.lambdasim;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * lambda-sim's host directory for one simulator: the staged deployment package ({@code task/}, the function's
 * {@code LAMBDA_TASK_ROOT}), the runtime ({@code runtime/}), the agent ({@code agent/}), the extracted layers
 * ({@code opt/}, the function's {@code /opt}) and one {@code env-N/tmp} per execution environment. Everything is copied here because the host's {@code /tmp} is
 * hidden inside the sandbox, and because Lambda, too, runs the code from its own read-only copy.
 */
final class Workspace {
    private static final String OWNER_FILE = "owner";
    private final Path root;
    private final Path taskDir;
    private final List<Path> taskJars = new ArrayList<>();
    private final List<Path> runtimeJars;
    private final Path agentJar;
    private final Path optDir;

    Workspace(Path parent, List<Path> jars, Path agent, List<Path> layers) throws IOException {
        Files.createDirectories(parent);
        removeAbandoned(parent);
        root = Files.createTempDirectory(parent, "lambda-sim-");
        Files.writeString(root.resolve(OWNER_FILE), ownerId(ProcessHandle.current()));
        taskDir = Files.createDirectories(root.resolve("task"));
        for (Path jar : jars) {
            taskJars.add(copyInto(jar, taskDir));
        }
        runtimeJars = RuntimeJars.copyTo(root.resolve("runtime"));
        agentJar = agent == null ? null : copyInto(agent, Files.createDirectories(root.resolve("agent")));
        optDir = layers.isEmpty() ? null : root.resolve("opt");
        if (optDir != null) {
            Layers.extract(layers, optDir);
        }
    }

    private static Path copyInto(Path file, Path dir) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("no such file: " + file);
        }
        Path target = dir.resolve(file.getFileName().toString());
        if (Files.exists(target)) {
            throw new IOException("two jars named " + file.getFileName());
        }
        return Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
    }

    Path root() {
        return root;
    }

    /** The function's {@code LAMBDA_TASK_ROOT} and working directory. */
    Path taskDir() {
        return taskDir;
    }

    Path runtimeDir() {
        return root.resolve("runtime");
    }

    /** The function's classpath: the runtime interface client and its dependencies, then the function's jars. */
    List<Path> classpath() {
        List<Path> cp = new ArrayList<>(runtimeJars);
        cp.addAll(taskJars);
        return cp;
    }

    /** The runtime client's JNI library extracted for use without the sandbox, or null (see {@link RuntimeJars}). */
    Path jniLibrary() throws IOException {
        return RuntimeJars.extractJniLibrary(runtimeJars, runtimeDir());
    }

    /** The staged agent jar, or null. */
    Path agentJar() {
        return agentJar;
    }

    /** The host directory that becomes the function's /opt: the layers, extracted; null without layers. */
    Path optDir() {
        return optDir;
    }

    /** The host directory that becomes environment {@code n}'s /tmp. */
    Path tmpDirFor(int environment) {
        return root.resolve("env-" + environment).resolve("tmp");
    }

    /** {@code <pid> <start instant> <pid namespace>}: a pid alone could have been reused or be another namespace's. */
    private static String ownerId(ProcessHandle p) {
        return p.pid() + " " + p.info().startInstant().map(Object::toString).orElse("?") + " " + pidNamespace();
    }

    private static String pidNamespace() {
        try {
            return Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString();
        } catch (IOException | UnsupportedOperationException e) {
            return "?";
        }
    }

    /**
     * Cleans up after simulators that died without {@link LambdaSim#close()} (SIGKILL, a killed test JVM): their
     * workspaces, and the tmpfs mounts in them, whose owning process is gone.
     */
    static void removeAbandoned(Path parent) {
        try (var dirs = Files.newDirectoryStream(parent, "lambda-sim-*")) {
            for (Path dir : dirs) {
                Path owner = dir.resolve(OWNER_FILE);
                if (!Files.isRegularFile(owner)) {
                    continue;
                }
                String id = Files.readString(owner).trim();
                if (!id.endsWith(" " + pidNamespace()) || id.endsWith(" ?")) {
                    continue; // another pid namespace (or unknown): cannot tell whether its owner lives
                }
                boolean alive = ProcessHandle.of(Long.parseLong(id.split(" ")[0]))
                        .map(p -> p.isAlive() && ownerId(p).equals(id)).orElse(false);
                if (!alive) {
                    for (String mount : Files.readAllLines(Path.of("/proc/self/mounts"))) {
                        String[] f = mount.split(" ");
                        if (f.length > 1 && f[1].startsWith(dir + "/")) {
                            Sandbox.unmountTmp(Path.of(f[1]));
                        }
                    }
                    deleteTree(dir);
                }
            }
        } catch (IOException | RuntimeException e) {
            // best effort: never a reason not to run
        }
    }

    /** Deletes everything (the caller has unmounted the tmpfs first). */
    void delete() {
        deleteTree(root);
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            System.err.println("lambda-sim: could not delete " + dir + ": " + e.getMessage());
        }
    }

    /** Copies a directory tree (used for {@code --keep-tmp}). */
    static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(d).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isRegularFile()) {
                    Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.REPLACE_EXISTING);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) {
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
