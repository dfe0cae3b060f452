package dev.faasguard.bootstrap;

/**
 * What the SnapStart hooks tell the agent: the random generators seeded and the connections opened before the
 * checkpoint, the checkpoint and the restore, and the first use of such a generator or connection after the restore.
 * Called on the slow path only: in a SnapStart function's init, or after its restore while something of init's is
 * watched.
 */
public interface SnapshotSink {

    /** A {@code java.util.Random} or {@code SplittableRandom} was just seeded on this thread, before the checkpoint. */
    void randomSeeded(Object random);

    /**
     * A random generator is about to produce a value, or to be given a new seed, after the restore.
     *
     * @param reseeding true for {@code Random.setSeed}: the generator no longer draws from the snapshot's seed
     * @return whether generators seeded before the checkpoint are still watched (false: their uses need not be told)
     */
    boolean randomUsed(Object random, boolean reseeding);

    /**
     * A {@code Socket} or {@code SocketChannel} is connecting on this thread, before the checkpoint.
     *
     * @param address the {@code SocketAddress} it connects to
     */
    void connecting(Object connection, Object address);

    /** The checkpoint: what init opened and left open crosses the snapshot now. */
    void checkpoint();

    /** @return whether generators seeded before the checkpoint are watched from now on */
    boolean afterRestore();

    /** At the restore, after {@link #afterRestore}: @return whether connections open at the checkpoint are watched */
    boolean connectionsCrossed();

    /**
     * A socket or channel is read or written after the restore, while connections open at the checkpoint are watched.
     *
     * @return whether any of them is still watched (false: reads and writes need not be told)
     */
    boolean connectionUsed(Object connection);
}
