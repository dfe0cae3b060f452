package dev.faasguard.bench.jmh;

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
 * What {@code swallowed-exception} adds to a catch block that drops its exception ({@link #parseOrDefault}: the
 * parse-or-default idiom, a {@code NumberFormatException} made and dropped each call), with the rule on
 * ({@code faasguard.swallowed=on}): outside any invocation (init, or a JVM that runs none: the hook reads one flag),
 * and during one, where each call is a repeated occurrence of one finding. Run by bench/swallowed.sh without and
 * with the agent; the agent's forks name this package as the application's and {@link HeldInvocation#hold} as the
 * handler.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
public class SwallowedExceptionBenchmark {

    /** 1. Outside any invocation. */
    @Benchmark
    public int droppedOutsideInvocation(Text state) {
        return parseOrDefault(state.text);
    }

    /** 2. During an invocation: a finding's repeated occurrence, counted. */
    @Benchmark
    public int droppedDuringInvocation(DuringInvocation state) {
        return parseOrDefault(state.text);
    }

    /** The sinner: the exception's message and stack are lost. */
    static int parseOrDefault(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @State(Scope.Benchmark)
    public static class Text {
        String text = "twelve";

        @Setup(Level.Trial)
        public void setUp() {
            AgentPresence.verify();
        }
    }

    @State(Scope.Benchmark)
    public static class DuringInvocation extends Text {
        private HeldInvocation invocation;

        @Setup(Level.Trial)
        public void open() throws InterruptedException {
            invocation = HeldInvocation.open();
        }

        @TearDown(Level.Trial)
        public void close() throws InterruptedException {
            invocation.close();
        }
    }
}
