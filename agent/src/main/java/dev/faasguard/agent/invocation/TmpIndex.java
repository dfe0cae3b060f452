package dev.faasguard.agent.invocation;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * The regular files known to be in /tmp: those the last walk saw and those the hooks saw created since. Kept as
 * 64-bit hashes of their paths (8 bytes a file; a collision among 100,000 paths has odds of about one in 10^9), so
 * knowing a large cache costs little memory. What it answers: whether a file found later was already there.
 */
final class TmpIndex {

    /** Files added after the walk before the index is dropped and the next settle walks again. */
    static final int MAX_ADDED = 10_000;

    private final long[] walked;
    private final Set<Long> added = new HashSet<>();

    /** @param walked the hashes the walk saw, in any order (sorted here) */
    TmpIndex(long[] walked) {
        this.walked = walked;
        Arrays.sort(this.walked);
    }

    boolean contains(String path) {
        long hash = hash(path);
        return Arrays.binarySearch(walked, hash) >= 0 || added.contains(hash);
    }

    /** @return false when the index is full and must be rebuilt by a walk */
    boolean add(String path) {
        if (added.size() >= MAX_ADDED) {
            return false;
        }
        added.add(hash(path));
        return true;
    }

    /** FNV-1a, 64 bits, over the path's UTF-16 code units. */
    static long hash(String path) {
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < path.length(); i++) {
            hash ^= path.charAt(i);
            hash *= 0x100000001b3L;
        }
        return hash;
    }
}
