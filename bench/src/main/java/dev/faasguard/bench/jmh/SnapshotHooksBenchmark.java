package dev.faasguard.bench.jmh;

import java.lang.reflect.Method;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The SnapStart hooks' cost (bench/snapstart-paths.sh). Without SnapStart (no {@code AWS_LAMBDA_INITIALIZATION_TYPE})
 * every draw of a generator and every new one pays one read of a static field: {@link #randomNextInt},
 * {@link #splittableRandomNextInt}, {@link #newRandom}. With {@code AWS_LAMBDA_INITIALIZATION_TYPE=snap-start} the
 * agent remembers each generator made before the checkpoint ({@link #newRandom} is then init's cost), and after the
 * restore each draw is looked up while a generator init made is still unreported
 * ({@link #randomNextIntWhileWatched}). The checkpoint and the restore are the runtime client's calls in a function;
 * here the state makes the agent's hooks for them directly.
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

    @State(Scope.Benchmark)
    public static class Generators {
        final Random random = new Random();
        final SplittableRandom splittable = new SplittableRandom();

        @Setup(Level.Trial)
        public void setUp() {
            AgentPresence.verify();
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
