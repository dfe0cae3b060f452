package dev.faasguard.bench.jmh;

import java.lang.reflect.Method;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
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
 * The fork-join hooks' cost (bench/forkjoin-paths.sh): {@code ForkJoinTask.fork}, the pool's submission funnel and
 * {@code ForkJoinTask.doExec}. Outside invocations each pays one read of a static field ({@link #supplyAsync},
 * {@link #parallelSum}, {@link #forkJoinOnCaller}). While an invocation runs on the benchmark's thread (its state calls the agent's
 * {@code InvocationHooks.handlerEnter()}, as the handler named by {@code faasguard.handler} does), every task is
 * remembered for that invocation when handed to the pool and put on the pool thread while it runs it
 * ({@link #supplyAsyncInInvocation}, {@link #parallelSumInInvocation}, {@link #forkJoinOnCallerInInvocation}). A
 * round trip through a pool thread is dominated by waking it (tens of microseconds, and as many of noise on a busy
 * machine); the fork and join on the caller shows the hooks' own cost.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
public class ForkJoinBenchmark {

    /** A pool of its own: two cores give the common pool one thread, and CompletableFuture a thread per task. */
    private static final ForkJoinPool POOL = new ForkJoinPool(2);

    /** A {@code CompletableFuture.supplyAsync} round trip: handed to the pool, run by one of its threads, joined. */
    @Benchmark
    public int supplyAsync(Outside state) {
        return roundTrip(state.value);
    }

    @Benchmark
    public int supplyAsyncInInvocation(InInvocation state) {
        return roundTrip(state.value);
    }

    /** A parallel stream on the pool: a root task split into forked subtasks, some stolen by the other thread. */
    @Benchmark
    public long parallelSum(Outside state) {
        return sum(state.value);
    }

    @Benchmark
    public long parallelSumInInvocation(InInvocation state) {
        return sum(state.value);
    }

    /**
     * A task forked and joined by the benchmark's thread, which takes it back and runs it itself unless a pool thread
     * stole it first: the push and the run with no thread hop, the hooks' own cost.
     */
    @Benchmark
    public int forkJoinOnCaller(Outside state) {
        return forkAndJoin(state.value);
    }

    @Benchmark
    public int forkJoinOnCallerInInvocation(InInvocation state) {
        return forkAndJoin(state.value);
    }

    private static int forkAndJoin(int value) {
        ForkJoinTask<Integer> task = ForkJoinTask.adapt(() -> value + 1);
        return task.fork().join();
    }

    private static int roundTrip(int value) {
        return CompletableFuture.supplyAsync(() -> value + 1, POOL).join();
    }

    private static long sum(int value) {
        return POOL.submit(() -> IntStream.range(0, 1_024).parallel().asLongStream().map(i -> i ^ value).sum()).join();
    }

    @State(Scope.Thread)
    public static class Outside {
        int value = 42;

        @Setup(Level.Trial)
        public void setUp() {
            AgentPresence.verify();
        }
    }

    /** The benchmark's thread runs an invocation from setup to teardown (with the agent; else nothing). */
    @State(Scope.Thread)
    public static class InInvocation {
        int value = 42;
        private Method handlerExit;
        private int token;

        @Setup(Level.Trial)
        public void setUp() throws ReflectiveOperationException {
            AgentPresence.verify();
            if (AgentPresence.agentActive()) {
                Class<?> hooks = Class.forName("dev.faasguard.bootstrap.InvocationHooks", true, null);
                handlerExit = hooks.getMethod("handlerExit", int.class, Throwable.class);
                token = (int) hooks.getMethod("handlerEnter").invoke(null);
                if (token != 1) {
                    throw new IllegalStateException("no invocation started on the benchmark's thread");
                }
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() throws ReflectiveOperationException {
            if (handlerExit != null) {
                handlerExit.invoke(null, token, null);
            }
        }
    }
}
