package dev.faasguard.bench.jmh;

import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The agent's other hot paths: a finding repeated at one line, which the agent must count for at most 2 µs an
 * occurrence, and writes inside /tmp, which its file hooks must let through at no measurable cost. Run once plain
 * and once with the agent (bench/hot-paths.sh); the agent run names this package as the application's
 * ({@code faasguard.app.packages}), else the call site would be JMH's own runner. Every state checks that the agent
 * is present exactly when the run says it is ({@link AgentPresence}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
public class HotPathsBenchmark {

    /** 1. {@code Future.get()} with no timeout, every call a wait-without-timeout finding at this line. */
    @Benchmark
    public Object futureGetUntimedRepeated(UntimedWait state) throws InterruptedException, ExecutionException {
        return state.future.get();
    }

    /** 2. {@code File.createNewFile()} outside /tmp on a file that exists: every call a write-outside-tmp finding. */
    @Benchmark
    public boolean createNewFileOutsideTmpRepeated(OutsideTmp state) throws IOException {
        return state.existing.createNewFile();
    }

    /**
     * 3. A FileOutputStream on a new file in /tmp: open, write 64 bytes, close, then {@code File.delete()}. Deleted
     * each time: rewriting one file would truncate it, and ext4 then writes it out at every close, a disk write
     * per call that drowns everything else.
     */
    @Benchmark
    public boolean fileOutputStreamInTmp(InTmp state) throws IOException {
        return writeAndDelete(state.file, state.bytes);
    }

    /** 4. The same through {@code Files.newOutputStream} (the default file system provider's channel) and {@code Files.delete}. */
    @Benchmark
    public void filesNewOutputStreamInTmp(InTmp state) throws IOException {
        writeAndDelete(state.path, state.bytes);
    }

    /**
     * 3 and 4 again while an invocation runs ({@link HeldInvocation}; the agent's run names it the handler), each call
     * on a name the invocation has not written yet: then the hooks also tell the invocation what changes in /tmp (the
     * file made and the line that made it, the file deleted), and a name not seen before in the invocation is looked
     * at once. A new invocation every {@link InTmpDuringInvocation#NAMES_PER_INVOCATION} calls, its end (one look at
     * each name it wrote) counted in: what a function writing new files pays, at the write and at the end.
     */
    @Benchmark
    public boolean fileOutputStreamNewNameDuringInvocation(InTmpDuringInvocation state)
            throws IOException, InterruptedException {
        return writeAndDelete(state.next().toFile(), state.bytes);
    }

    @Benchmark
    public void filesNewOutputStreamNewNameDuringInvocation(InTmpDuringInvocation state)
            throws IOException, InterruptedException {
        writeAndDelete(state.next(), state.bytes);
    }

    /** Benchmark 3 and its twin during an invocation: a FileOutputStream opened, written, closed, then the file deleted. */
    private static boolean writeAndDelete(File file, byte[] bytes) throws IOException {
        try (FileOutputStream out = new FileOutputStream(file)) {
            out.write(bytes);
        }
        return file.delete();
    }

    /** Benchmark 4 and its twin: through {@code Files.newOutputStream} and {@code Files.delete}. */
    private static void writeAndDelete(Path path, byte[] bytes) throws IOException {
        try (OutputStream out = Files.newOutputStream(path)) {
            out.write(bytes);
        }
        Files.delete(path);
    }

    /**
     * 5. A task handed to a single-thread {@code ThreadPoolExecutor} and waited for with a timeout: the pool hooks
     * ({@code execute}, {@code beforeExecute}, {@code afterExecute}) that put a pooled task on the invocation that
     * handed it, outside any invocation, the cost every pool pays with the agent on.
     */
    @Benchmark
    public Object poolTaskRoundTrip(Pool state) throws Exception {
        return state.executor.submit(state.task).get(1, TimeUnit.SECONDS);
    }

    // ---- states ---------------------------------------------------------------------------------------------

    /**
     * A completed future that says it is not done. The hook asks {@code isDone()} to let a future that cannot
     * block through at once; this one it takes for a wait that may last forever, so each {@code get()} is a
     * finding, while {@code get()} itself (which reads the result, not {@code isDone()}) returns at once. What is
     * measured is the agent's cost per occurrence, not a wait.
     */
    static final class StubbornFuture<T> extends CompletableFuture<T> {
        @Override
        public boolean isDone() {
            return false;
        }
    }

    @State(Scope.Benchmark)
    public static class UntimedWait {
        final StubbornFuture<String> future = new StubbornFuture<>();

        @Setup(Level.Trial)
        public void setUp() {
            AgentPresence.verify();
            future.complete("done");
        }
    }

    /** A file that exists in a fresh directory under /var/tmp, outside the writable root. */
    @State(Scope.Benchmark)
    public static class OutsideTmp {
        File existing;
        private Path directory;

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            AgentPresence.verify();
            directory = Files.createTempDirectory(Path.of("/var/tmp"), "faasguard-bench-");
            existing = Files.createFile(directory.resolve("exists")).toFile();
        }

        @TearDown(Level.Trial)
        public void tearDown() throws IOException {
            Files.deleteIfExists(existing.toPath());
            Files.deleteIfExists(directory);
        }
    }

    /** A file made and deleted again and again in a fresh directory under /tmp, the writable root. */
    @State(Scope.Benchmark)
    public static class InTmp {
        final byte[] bytes = new byte[64];
        File file;
        Path path;
        private Path directory;

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            AgentPresence.verify();
            directory = Files.createTempDirectory(Path.of("/tmp"), "faasguard-bench-");
            path = directory.resolve("out.bin");
            file = path.toFile();
        }

        @TearDown(Level.Trial)
        public void tearDown() throws IOException {
            Files.deleteIfExists(path);
            Files.deleteIfExists(directory);
        }
    }

    /**
     * A fresh directory under /tmp, a name for each call that the running invocation has not written, and invocations
     * held open one after the other.
     */
    @State(Scope.Benchmark)
    public static class InTmpDuringInvocation extends InTmp {
        /** Well under the paths an invocation follows (10,000), past which the agent stops following them. */
        static final int NAMES_PER_INVOCATION = 1_000;

        private HeldInvocation invocation;
        private long made;

        /** The next name; every {@link #NAMES_PER_INVOCATION} names, the invocation ends and the next one starts. */
        Path next() throws InterruptedException {
            int name = (int) (made++ % NAMES_PER_INVOCATION);
            if (name == 0) {
                close();
                invocation = HeldInvocation.open();
            }
            return path.resolveSibling("out-" + name + ".bin");
        }

        @TearDown(Level.Trial)
        public void close() throws InterruptedException {
            if (invocation != null) {
                invocation.close();
            }
        }
    }

    /** One pool thread, kept busy by the benchmark alone. */
    @State(Scope.Benchmark)
    public static class Pool {
        final Callable<String> task = () -> "done";
        ExecutorService executor;

        @Setup(Level.Trial)
        public void setUp() {
            AgentPresence.verify();
            executor = Executors.newSingleThreadExecutor();
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            executor.shutdownNow();
        }
    }
}
