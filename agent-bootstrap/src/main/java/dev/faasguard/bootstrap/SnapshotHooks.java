package dev.faasguard.bootstrap;

import java.net.SocketAddress;
import java.security.SecureRandom;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The SnapStart hooks: every restored copy of the environment resumes from the same memory, so a random generator
 * seeded during init draws the same numbers in each, and a connection opened during init is dead after the restore.
 * The hooks remember what init seeds and connects (only then: until the checkpoint of a function initialised for
 * SnapStart) and watch the generators' uses after the restore. Outside those two windows each hook is one read of a
 * static field.
 */
public final class SnapshotHooks {

    /** True in the init of a function initialised for SnapStart, from the agent's start to the checkpoint. */
    static volatile boolean beforeCheckpoint;
    /** True from the restore while generators seeded before the checkpoint remain unreported. */
    static volatile boolean randomsWatched;

    private SnapshotHooks() {}

    /** Called once by the agent as it starts, in a function whose init ends in a SnapStart checkpoint. */
    public static void checkpointAhead() {
        beforeCheckpoint = true;
    }

    /**
     * Exit of {@code Random(long)} (which {@code Random()}, its subclasses and {@code Math.random()}'s generator go
     * through) and of {@code SplittableRandom}'s two seeding constructors. Not SecureRandom, which reseeds itself
     * after a restore, nor ThreadLocalRandom, which does not draw from the seed it is built with.
     */
    public static void randomSeeded(Object random) {
        if (!beforeCheckpoint) {
            return;
        }
        AgentSinks target = Hooks.sink;
        if (target == null || random instanceof SecureRandom || random instanceof ThreadLocalRandom) {
            return;
        }
        HookState state = Hooks.state();
        if (state.agentDepth == 0) {
            Hooks.guarded(Hooks.RANDOM_SEEDED, target, state, null, null, null, null, random, 0, 0);
        }
    }

    /** Entry of {@code Random.next(int)} and {@code SplittableRandom.nextSeed()}: every value of theirs comes from it. */
    public static void randomUsed(Object random) {
        if (randomsWatched) {
            watchedUse(random, false);
        }
    }

    /**
     * Entry of {@code Random.setSeed(long)}: a generator given a new seed after the restore (in a CRaC afterRestore
     * hook, say) draws nothing from the snapshot's seed any more.
     */
    public static void randomReseeded(Object random) {
        if (randomsWatched) {
            watchedUse(random, true);
        }
    }

    private static void watchedUse(Object random, boolean reseeding) {
        AgentSinks target = Hooks.sink;
        HookState state = Hooks.state();
        // A failed sink answers 0 too: the watch stops rather than failing again on every value.
        if (target != null && state.agentDepth == 0 && Hooks.guarded(Hooks.RANDOM_USED, target, state, null, null,
                null, null, random, reseeding ? 1 : 0, 0) == 0) {
            randomsWatched = false;
        }
    }

    /**
     * A socket or channel connecting, as the blocking hooks see it. HTTP clients' sockets count too (an HTTP call's
     * scope does not hide them): a keep-alive connection opened in init is one of the connections that die.
     */
    static void connecting(Object connection, SocketAddress address) {
        if (!beforeCheckpoint) {
            return;
        }
        AgentSinks target = Hooks.sink;
        HookState state = Hooks.state();
        if (target != null && state.agentDepth == 0) {
            Hooks.guarded(Hooks.CONNECTING, target, state, null, null, null, address, connection, 0, 0);
        }
    }

    /** Entry of the runtime client's {@code restoreNext()}, before the agent persists what init found. */
    static void checkpoint(AgentSinks target) {
        beforeCheckpoint = false;
        Hooks.guarded(Hooks.CHECKPOINT, target, Hooks.state(), null, null, null, null, null, 0, 0);
    }

    /** When {@code restoreNext()} returns: the uses of what init seeded are watched from now on. */
    static void restored(AgentSinks target) {
        beforeCheckpoint = false;
        randomsWatched = Hooks.guarded(Hooks.SNAPSHOT_RESTORED, target, Hooks.state(), null, null, null, null, null,
                0, 0) != 0;
    }

    /** For tests only: back to a process that takes no snapshot. */
    static void reset() {
        beforeCheckpoint = false;
        randomsWatched = false;
    }
}
