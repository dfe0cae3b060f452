package dev.faasguard.bench.jmh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Random;
import java.util.SplittableRandom;
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
 * The SnapStart hooks' cost (bench/snapstart-paths.sh). Without SnapStart (no {@code AWS_LAMBDA_INITIALIZATION_TYPE})
 * every draw of a generator and every new one pays one read of a static field: {@link #randomNextInt},
 * {@link #splittableRandomNextInt}, {@link #newRandom}. With {@code AWS_LAMBDA_INITIALIZATION_TYPE=snap-start} the
 * agent remembers each generator made before the checkpoint ({@link #newRandom} is then init's cost), and after the
 * restore each draw is looked up while a generator init made is still unreported
 * ({@link #randomNextIntWhileWatched}). Every read and write of a socket pays one read of a static field
 * ({@link #socketWriteRead}), and after a restore, while a connection init left open has not been used since, each
 * is looked up ({@link #socketWriteReadWhileWatched}). The checkpoint and the restore are the runtime client's calls
 * in a function; here the state makes the agent's hooks for them directly.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
public class SnapshotHooksBenchmark {

    @Benchmark
    public int randomNextInt(Generators state) {
        return state.random.nextInt();
    }

    @Benchmark
    public int splittableRandomNextInt(Generators state) {
        return state.splittable.nextInt();
    }

    /** A new generator and one value: before a checkpoint, the agent remembers where it was made. */
    @Benchmark
    public int newRandom() {
        return new Random().nextInt();
    }

    /** A draw from a generator made after the restore, while one made in init was never used since. */
    @Benchmark
    public int randomNextIntWhileWatched(Restored state) {
        return state.random.nextInt();
    }

    /** One byte written to a loopback socket and read at its other end: a hooked write and a hooked read. */
    @Benchmark
    public int socketWriteRead(SocketPair pair) throws IOException {
        return pair.roundTrip();
    }

    /** The same after the restore, while a connection init made and left open is not used again: both looked up. */
    @Benchmark
    public int socketWriteReadWhileWatched(RestoredWithConnection pair) throws IOException {
        return pair.roundTrip();
    }

    @State(Scope.Benchmark)
    public static class Generators {
        final Random random = new Random();
        final SplittableRandom splittable = new SplittableRandom();

        @Setup(Level.Trial)
        public void setUp() {
            AgentPresence.verify();
        }
    }

    /** Two connected loopback sockets: what one writes, the other reads. */
    @State(Scope.Thread)
    public static class SocketPair {
        private ServerSocket server;
        private Socket writer;
        private Socket reader;
        private OutputStream out;
        private InputStream in;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            AgentPresence.verify();
            connect();
        }

        void connect() throws IOException {
            server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            writer = new Socket();
            writer.connect(server.getLocalSocketAddress(), 1000);
            reader = server.accept();
            reader.setSoTimeout(1000);
            out = writer.getOutputStream();
            in = reader.getInputStream();
        }

        int roundTrip() throws IOException {
            out.write(1);
            return in.read();
        }

        @TearDown(Level.Trial)
        public void tearDown() throws IOException {
            reader.close();
            writer.close();
            server.close();
        }
    }

    /** Init connected {@link SocketPair} {@code leftOpen} and left it open; then the checkpoint, the restore, the pair. */
    @State(Scope.Thread)
    public static class RestoredWithConnection extends SocketPair {
        private final SocketPair leftOpen = new SocketPair();

        @Override
        @Setup(Level.Trial)
        public void setUp() throws Exception {
            AgentPresence.verify();
            leftOpen.connect();
            if (AgentPresence.agentActive()) {
                Class<?> hooks = Class.forName("dev.faasguard.bootstrap.InvocationHooks", true, null);
                hooks.getMethod("snapshotTaking").invoke(null);
                hooks.getMethod("restored").invoke(null);
            }
            connect();
        }

        @Override
        @TearDown(Level.Trial)
        public void tearDown() throws IOException {
            super.tearDown();
            leftOpen.tearDown();
        }
    }

    /** Init made {@link #unused}; then the checkpoint and the restore; then {@link #random}. */
    @State(Scope.Benchmark)
    public static class Restored {
        Random unused;
        Random random;

        @Setup(Level.Trial)
        public void setUp() throws ReflectiveOperationException {
            AgentPresence.verify();
            unused = new Random();
            if (AgentPresence.agentActive()) {
                Class<?> hooks = Class.forName("dev.faasguard.bootstrap.InvocationHooks", true, null);
                Method snapshotTaking = hooks.getMethod("snapshotTaking");
                Method restored = hooks.getMethod("restored");
                snapshotTaking.invoke(null);
                restored.invoke(null);
            }
            random = new Random();
        }
    }
}
