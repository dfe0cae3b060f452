package dev.faasguard.bench.jmh;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What {@code state-across-invocations} costs an invocation: one call of a handler named by {@code faasguard.handler}
 * is one whole invocation for the agent (its start, its end, and after it the sampling of every watched field), with
 * no static collection watched or with the 64 maps of {@link SixtyFourStatics}. The difference between the two is the
 * sampling of 64 fields. Run by bench/state-across-invocations.sh with a tmpfs /tmp, as on Lambda (else the agent
 * walks /tmp at every invocation end, which would drown the figure).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
public class StateSamplingBenchmark {

    /** The function: each call an invocation. */
    public static final class Handler {
        public int handle(int input) {
            return input + 1;
        }
    }

    @State(Scope.Benchmark)
    public static class Function {
        /** How many static maps the agent watches. */
        @Param({"0", "64"})
        int watchedFields;
        final Handler handler = new Handler();
        int input;

        @Setup
        public void setUp() {
            AgentPresence.verify();
            if (watchedFields > 0) {
                input = SixtyFourStatics.size();
            }
        }
    }

    @Benchmark
    public int invocation(Function function) {
        return function.handler.handle(function.input);
    }
}
