package dev.faasguard.agent.instrument.snapshot;

import static dev.faasguard.agent.instrument.HookCall.SNAPSHOT;

import dev.faasguard.agent.instrument.HookCall;
import dev.faasguard.agent.instrument.HookCall.Push;
import dev.faasguard.agent.instrument.TypeInstrumentation;
import java.util.List;
import java.util.Map;

/**
 * The instrumentations behind {@code random-across-snapshot}, and the socket streams' reads and writes that name the
 * first use of a connection after the restore: their hooks are {@code SnapshotHooks}. The sockets behind
 * {@code connection-across-snapshot} are the ones the blocking hooks already see connect, and a channel's reads and
 * writes are hooked with its connect ({@code SocketChannelInstrumentation}).
 */
public final class SnapshotInstrumentations {

    /** A socket or channel about to be read or written: {@code this}. */
    public static final HookCall CONNECTION_USED = HookCall.of(SNAPSHOT, "connectionUsed", "(Ljava/lang/Object;)V",
            Push.reference(0));

    /** The generator just seeded, or about to draw a value: {@code this}. */
    static final HookCall SEEDED = HookCall.of(SNAPSHOT, "randomSeeded", "(Ljava/lang/Object;)V", Push.reference(0));
    static final HookCall USED = HookCall.of(SNAPSHOT, "randomUsed", "(Ljava/lang/Object;)V", Push.reference(0));
    static final HookCall RESEEDED = HookCall.of(SNAPSHOT, "randomReseeded", "(Ljava/lang/Object;)V",
            Push.reference(0));

    private SnapshotInstrumentations() {}

    public static List<TypeInstrumentation> all() {
        return List.of(
                // Random() calls Random(long), as every subclass's constructor and Math.random()'s holder do; every
                // value comes from next(int), on JDK 17 and 25 alike, and setSeed(long) gives it a new seed.
                new RandomGeneratorInstrumentation("java.util.Random", List.of("(J)V"),
                        Map.of("next(I)I", USED, "setSeed(J)V", RESEEDED)),
                // SplittableRandom(long) calls the private (long, long); every value comes from the private nextSeed().
                new RandomGeneratorInstrumentation("java.util.SplittableRandom", List.of("()V", "(JJ)V"),
                        Map.of("nextSeed()J", USED)),
                SocketStreamInstrumentation.input(),
                SocketStreamInstrumentation.output());
    }
}
