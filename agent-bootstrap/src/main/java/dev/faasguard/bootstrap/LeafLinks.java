package dev.faasguard.bootstrap;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The symbolic links known to be the last part of a path inside the writable roots ({@code /tmp/f -> /var/data/f}):
 * a write to {@code /tmp/f} lands in /var/data. The links are learnt where they are made: the JVM's own
 * {@code Files.createSymbolicLink} (a hook), the agent's walks of /tmp, and {@link RealDirectories#openedName}, which
 * looks at a name it has not seen before (a dangling link another process made is found by a walk only).
 * A write to a path in this set leaves the fast path, and the agent follows the link ({@link #follow}). With no link
 * known, which is the usual case, the test is one volatile read of an empty array.
 *
 * <p>The set errs on the side of "maybe a link": a path the hooks see removed or replaced is dropped, and one that
 * turns out to be no link any more when followed is dropped then. Bounded: beyond {@link #LIMIT} links, more are not
 * remembered.
 */
final class LeafLinks {

    static final int LIMIT = 256;
    private static final String[] NONE = new String[0];

    /** Copy on write: the hot path reads it without a lock. */
    private volatile String[] links = NONE;

    /** Whether the absolute, normalized path is known to be a symbolic link. */
    boolean contains(String path) {
        for (String link : links) {
            if (link.equals(path)) {
                return true;
            }
        }
        return false;
    }

    synchronized void add(String path) {
        String[] known = links;
        if (known.length >= LIMIT || contains(path)) {
            return;
        }
        String[] more = new String[known.length + 1];
        System.arraycopy(known, 0, more, 0, known.length);
        more[known.length] = path;
        links = more;
    }

    /** Drops {@code path} and every link below it: it is removed, replaced or moved. */
    synchronized void remove(String path) {
        String[] known = links;
        if (known.length == 0) {
            return;
        }
        String[] kept = new String[known.length];
        int count = 0;
        for (String link : known) {
            if (!isOrIsBelow(link, path)) {
                kept[count++] = link;
            }
        }
        if (count < known.length) {
            links = count == 0 ? NONE : Arrays.copyOf(kept, count);
        }
    }

    /** Whether {@code path} is {@code directory} or lies below it. */
    static boolean isOrIsBelow(String path, String directory) {
        return path.startsWith(directory)
                && (path.length() == directory.length() || path.charAt(directory.length()) == '/');
    }

    /**
     * Where the link at {@code realPath} (its directory already resolved) leads, the links of its target's
     * directories followed too; its target need not exist (a write through a dangling link creates it). Null when it
     * is no link.
     */
    static String follow(String realPath) {
        try {
            Path link = Path.of(realPath);
            Path target = Files.readSymbolicLink(link);
            Path absolute = target.isAbsolute() ? target : link.resolveSibling(target);
            return WritableRoots.realPath(absolute.toString());
        } catch (IOException | RuntimeException notALink) {
            return null;
        }
    }
}
