package dev.faasguard.agent.instrument.exceptions;

import org.objectweb.asm.tree.analysis.Value;

/**
 * A value of the data-flow analysis: its size in slots, and which catch handlers' caught exception it may be (one
 * bit per handler of the method; none for every other value).
 */
final class CaughtValue implements Value {

    static final CaughtValue ONE_SLOT = new CaughtValue(1, 0);
    static final CaughtValue TWO_SLOTS = new CaughtValue(2, 0);

    final int size;
    final long handlers;

    private CaughtValue(int size, long handlers) {
        this.size = size;
        this.handlers = handlers;
    }

    static CaughtValue of(int size) {
        return size == 2 ? TWO_SLOTS : ONE_SLOT;
    }

    /** The exception caught by the handler numbered {@code handler} (below 64). */
    static CaughtValue caughtBy(int handler) {
        return new CaughtValue(1, 1L << handler);
    }

    /** What a slot holds where two paths meet: either value, so any of their handlers. */
    CaughtValue or(CaughtValue other) {
        if (size != other.size) {
            return ONE_SLOT; // Unusable after the merge: the verifier lets no instruction read it.
        }
        long both = handlers | other.handlers;
        return both == handlers ? this : new CaughtValue(size, both);
    }

    @Override
    public int getSize() {
        return size;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CaughtValue value && value.size == size && value.handlers == handlers;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(handlers) * 31 + size;
    }
}
