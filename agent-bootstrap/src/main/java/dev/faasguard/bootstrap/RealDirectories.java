package dev.faasguard.bootstrap;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Where the directories the application writes into really are once their symbolic links are followed: with
 * {@code /tmp/x/link -> /var/data}, {@code /tmp/x/link/f} is written in /var/data, and with {@code /var/link -> /tmp/x},
 * {@code /var/link/f} in /tmp. A write is judged by its directory's real path (the file itself may not exist yet), kept
 * in a small fixed table: only the first write into a directory pays for resolving it, and a hit allocates nothing.
 * The hot path and the agent's rule share the table.
 *
 * <p>A remembered directory can only turn into a symbolic link by being removed or renamed first, so whatever the
 * hooks see removed or moved is forgotten, with what lies below it, and the table is emptied when an invocation
 * starts (a change the hooks did not see, by another process, counts from the next one). Only existing directories
 * are remembered: a missing one could yet be created as a link.
 *
 * <p>The last part of a path is a link too at times ({@code /tmp/f -> /var/data/f}), which matters to a file opened
 * for writing: inside the roots {@link #openedName} knows the links in {@link LeafLinks} and looks at each other name
 * once, remembering the names that are no link in a second small table until the next invocation; outside them, where every write is judged by
 * the agent already, {@link #openedRealPath} looks at the name itself.
 */
final class RealDirectories {

    /** A power of two: the slot is a mask of the hash. */
    private static final int SLOTS = 64;

    /** A directory as written (absolute, no dot segments), its real path, and whether that lies in a root. */
    private static final class Entry {
        final String directory;
        final String real;
        final boolean inside;

        Entry(String directory, String real, boolean inside) {
            this.directory = directory;
            this.real = real;
            this.inside = inside;
        }
    }

    private final WritableRoots roots;
    private final LeafLinks leafLinks = new LeafLinks();
    /** Races between threads only cost a second resolution: an entry is immutable. */
    private final Entry[] entries = new Entry[SLOTS];
    /** Names inside the roots seen to be no symbolic link, by {@link #slot} of the whole name; races cost a look. */
    private final String[] plainNames = new String[SLOTS];

    RealDirectories(WritableRoots roots) {
        this.roots = roots;
    }

    LeafLinks leafLinks() {
        return leafLinks;
    }

    /** True when the absolute path, already known to lie inside a root as written, really leads inside one. */
    boolean reallyInside(String path) {
        int end = path.lastIndexOf('/');
        if (end <= 0) {
            return true; // In "/", which is no link.
        }
        Entry known = entries[slot(path, end)];
        // startsWith, not regionMatches: on JDK 17 only the former is a fast intrinsic loop, 10 times quicker here.
        if (known != null && known.directory.length() == end && path.startsWith(known.directory)) {
            return known.inside;
        }
        return roots.containsReal(resolve(path, end));
    }

    /** What {@link #openedName} knows of a name: no link (seen before, or looked at now), nothing there, a link. */
    static final int NO_LINK = 0;
    static final int NOT_THERE = 1;
    static final int LINK = 2;

    /**
     * What the last part of a path inside the roots is to a write opening it, above all whether it is a symbolic
     * link, which the write follows: one in {@link LeafLinks} (the JVM made it, or a walk found it), else one the name
     * itself shows, looked at once (a stat, and an lstat only for what exists) and remembered when it is no link until
     * the next invocation starts. So a write to a name written before makes no system call, and a link another
     * process made is found too, unless its target does not exist yet (a dangling link cannot be told from no file
     * without an exception's cost: it is found when the JVM made it, or by a walk). A name looked at now and found
     * missing is {@link #NOT_THERE}: the write about to happen creates it, which the invocation's record of /tmp then
     * need not look at again.
     */
    int openedName(String path) {
        if (leafLinks.contains(path)) {
            return LINK;
        }
        int slot = slot(path, path.length());
        String plain = plainNames[slot];
        if (plain != null && plain.equals(path)) {
            return NO_LINK;
        }
        boolean there = new File(path).exists();
        if (there && isSymbolicLink(path)) {
            leafLinks.add(path);
            return LINK;
        }
        plainNames[slot] = path;
        return there ? NO_LINK : NOT_THERE;
    }

    /**
     * Where a file opened for writing really is: {@link #realPath}, and the name followed when it is a link known
     * inside the roots or any existing link outside them (opening a link opens its target; removing or renaming it
     * does not).
     */
    String openedRealPath(String absolutePath) {
        String resolved = realPath(absolutePath);
        if (leafLinks.contains(absolutePath) || leafLinks.contains(resolved)) {
            String target = LeafLinks.follow(resolved);
            if (target != null) {
                return target;
            }
            leafLinks.remove(absolutePath); // Replaced behind the hooks' back: no link any more.
            leafLinks.remove(resolved);
        } else if (!roots.containsReal(resolved) && isLink(resolved)) {
            String target = LeafLinks.follow(resolved);
            return target != null ? target : resolved;
        }
        return resolved;
    }

    /**
     * Whether an existing file is a symbolic link: a stat, then an lstat only for what exists (a missing file's
     * lstat costs an exception). A dangling link outside the roots is therefore not followed.
     */
    private static boolean isLink(String path) {
        return new File(path).exists() && isSymbolicLink(path);
    }

    /** An lstat: whether what is at the path (known to exist) is a symbolic link. */
    private static boolean isSymbolicLink(String path) {
        try {
            return Files.isSymbolicLink(Path.of(path));
        } catch (RuntimeException unreadable) {
            return false;
        }
    }

    /**
     * Where an absolute path really leads: its directory's real path and its name. A path with dot segments is
     * resolved whole, since {@code ..} after a link applies where the link leads; so is a path in "/" or ending
     * in "/".
     */
    String realPath(String absolutePath) {
        int end = absolutePath.lastIndexOf('/');
        if (end <= 0 || end == absolutePath.length() - 1 || absolutePath.contains("/.")) {
            return WritableRoots.realPath(absolutePath);
        }
        Entry known = entries[slot(absolutePath, end)];
        String real = known != null && known.directory.length() == end
                && absolutePath.startsWith(known.directory) ? known.real : resolve(absolutePath, end);
        String name = absolutePath.substring(end);
        return real.equals("/") ? name : real + name;
    }

    /**
     * Forgets {@code path} and every directory and link below it: it is being removed or moved. A name seen to be no
     * link stays so: a link the JVM makes or moves there is known from {@link LeafLinks} at once, one another process
     * makes counts from the next invocation, and a file written and deleted again and again costs no look each time.
     */
    void forget(String path) {
        leafLinks.remove(path);
        for (int i = 0; i < SLOTS; i++) {
            Entry known = entries[i];
            if (known != null && LeafLinks.isOrIsBelow(known.directory, path)) {
                entries[i] = null;
            }
        }
    }

    void forgetAll() {
        Arrays.fill(entries, null);
        Arrays.fill(plainNames, null);
    }

    /** Resolves the directory {@code path[0, end)} and remembers it when it exists. */
    private String resolve(String path, int end) {
        String directory = path.substring(0, end);
        String real = WritableRoots.realPath(directory);
        if (new File(real).isDirectory()) {
            entries[slot(path, end)] = new Entry(directory, real, roots.containsReal(real));
        }
        return real;
    }

    /** A cheap hash of {@code path[0, end)}, a directory or a whole name: its length, its last character and its middle one. */
    private static int slot(String path, int end) {
        return (end * 31 + path.charAt(end - 1) * 7 + path.charAt(end / 2)) & (SLOTS - 1);
    }
}
