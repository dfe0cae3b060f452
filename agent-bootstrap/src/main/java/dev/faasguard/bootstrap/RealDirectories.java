package dev.faasguard.bootstrap;

import java.io.File;
import java.util.Arrays;

/**
 * Whether a path named under a writable root really leads inside one: with {@code /tmp/x/link -> /var/data},
 * {@code /tmp/x/link/f} is written in /var/data. The hot path asks about the parent directory (the file itself
 * may not exist yet), and a directory found to lie really inside is remembered in a small fixed table: only the
 * first write into a directory pays for resolving it, and a hit allocates nothing.
 *
 * <p>A remembered directory can only turn into a symbolic link by being removed or renamed first, so whatever
 * the hooks see removed or moved under a root is forgotten, with what lies below it, and the table is emptied
 * when an invocation starts (a change the hooks did not see, by another process, counts from the next one).
 * Only existing directories are remembered: a missing one could yet be created as a link.
 */
final class RealDirectories {

    /** A power of two: the slot is a mask of the hash. */
    private static final int SLOTS = 64;

    private final WritableRoots roots;
    /** Directories known to lie really inside a root; races only cost a second resolution. */
    private final String[] inside = new String[SLOTS];

    RealDirectories(WritableRoots roots) {
        this.roots = roots;
    }

    /** True when the absolute path, already known to lie inside a root as written, really leads inside one. */
    boolean reallyInside(String path) {
        int end = path.lastIndexOf('/');
        if (end <= 0) {
            return roots.containsReal(WritableRoots.realPath(path));
        }
        int slot = slot(path, end);
        String known = inside[slot];
        if (known != null && known.length() == end && path.regionMatches(0, known, 0, end)) {
            return true;
        }
        String directory = path.substring(0, end);
        String real = WritableRoots.realPath(directory);
        if (!roots.containsReal(real)) {
            return false;
        }
        if (new File(real).isDirectory()) {
            inside[slot] = directory;
        }
        return true;
    }

    /** Forgets {@code path} and every directory below it: it is being removed or moved. */
    void forget(String path) {
        for (int i = 0; i < SLOTS; i++) {
            String known = inside[i];
            if (known != null && known.startsWith(path)
                    && (known.length() == path.length() || known.charAt(path.length()) == '/')) {
                inside[i] = null;
            }
        }
    }

    void forgetAll() {
        Arrays.fill(inside, null);
    }

    /** A cheap hash of the directory {@code path[0, end)}: its length, its last character and its middle one. */
    private static int slot(String path, int end) {
        return (end * 31 + path.charAt(end - 1) * 7 + path.charAt(end / 2)) & (SLOTS - 1);
    }
}
