package dev.faasguard.bootstrap;

import java.net.SocketAddress;
import java.security.SecureRandom;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The SnapStart hooks: every restored copy of the environment resumes from the same memory, so a random generator
 * seeded during init draws the same numbers in each, and a connection opened during init is dead after the restore.
 * The hooks remember what init seeds and connects (only then: until the checkpoint of a function initialised for
 * SnapStart) and watch, after the restore, the generators' uses and the first reads and writes of the connections
 * the snapshot caught open. Outside those two windows each hook is one read of a
 * static field.
 */
public final class SnapshotHooks {

    /** True in the init of a function initialised for SnapStart, from the agent's start to the checkpoint. */
    static volatile boolean beforeCheckpoint;
    /** True from the restore while generators seeded before the checkpoint remain unreported. */
    static volatile boolean randomsWatched;
    /** True from the restore while connections open at the checkpoint have not been read or written since. */
    static volatile boolean connectionsWatched;

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
        if (!stillWatched(Hooks.RANDOM_USED, random, reseeding ? 1 : 0)) {
            randomsWatched = false;
        }
    }

    /**
     * Entry of a {@code Socket}'s stream {@code read(byte[], int, int)} and {@code write(byte[], int, int)} (which the
     * one-byte forms call, and an SSL socket's records go through; {@code connection} is the stream's socket), and of
     * {@code SocketChannelImpl}'s reads and writes: after the restore, the first use of a connection init left open
     * names the line that used it.
     */
    public static void connectionUsed(Object connection) {
        if (connectionsWatched && !stillWatched(Hooks.CONNECTION_USED, connection, 0)) {
            connectionsWatched = false;
        }
    }

    /**
     * Tells the agent of a use while something of init's is watched.
     *
     * @return whether anything of that kind is still watched; a failed sink answers false too, so that the watch
     *     stops rather than failing again at every use
     */
    private static boolean stillWatched(int call, Object used, long x) {
        AgentSinks target = Hooks.sink;
        HookState state = Hooks.state();
        return target == null || state.agentDepth > 0
                || Hooks.guarded(call, target, state, null, null, null, null, used, x, 0) != 0;
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

    /** When {@code restoreNext()} returns: the uses of what init seeded and left open are watched from now on. */
    static void restored(AgentSinks target) {
        beforeCheckpoint = false;
        randomsWatched = Hooks.guarded(Hooks.SNAPSHOT_RESTORED, target, Hooks.state(), null, null, null, null, null,
                0, 0) != 0;
        connectionsWatched = Hooks.guarded(Hooks.CONNECTIONS_CROSSED, target, Hooks.state(), null, null, null, null,
                null, 0, 0) != 0;
    }

    /** For tests only: back to a process that takes no snapshot. */
    static void reset() {
        beforeCheckpoint = false;
        randomsWatched = false;
        connectionsWatched = false;
    }
}
