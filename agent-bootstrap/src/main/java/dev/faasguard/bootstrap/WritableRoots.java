package dev.faasguard.bootstrap;

import java.io.File;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The directories an application may write to on a function platform (by default only {@code /tmp}).
 *
 * <p>{@link #quickContains} is the hot-path test every hooked write runs: no allocation, and it only
 * answers {@code true} when the path is certainly inside a root. Anything it is unsure of (relative
 * paths, {@code .} or {@code ..} segments) goes to the slow path: {@link #resolve} then {@link #contains}.
 */
public final class WritableRoots {

    /** How the JDK turns a file name into bytes and back: what the kernel is given of a path. */
    private static final Charset FILE_NAMES = fileNameCharset();

    public static final WritableRoots TMP_ONLY = new WritableRoots(new String[] {"/tmp"});

    private final String[] roots;
    /** Where each root really is once symbolic links are followed (on macOS, /tmp is /private/tmp). */
    private final String[] realRoots;

    private WritableRoots(String[] roots) {
        this.roots = roots;
        this.realRoots = new String[roots.length];
        for (int i = 0; i < roots.length; i++) {
            realRoots[i] = realPath(roots[i]);
        }
    }

    /** Roots from absolute directory names; each is normalized ({@code /tmp/} and {@code /tmp/.} are {@code /tmp}). */
    public static WritableRoots of(List<String> directories) {
        String[] normalized = new String[directories.size()];
        for (int i = 0; i < normalized.length; i++) {
            String dir = directories.get(i);
            if (dir == null || !dir.startsWith("/")) {
                throw new IllegalArgumentException("not an absolute directory: " + dir);
            }
            normalized[i] = normalize(dir);
        }
        return new WritableRoots(normalized);
    }

    public List<String> directories() {
        return List.of(roots);
    }

    /** True only when {@code rawPath} is absolute, has no dot segments and lies inside a root. */
    public boolean quickContains(String rawPath) {
        if (rawPath == null || rawPath.isEmpty() || rawPath.charAt(0) != '/' || rawPath.contains("/.")) {
            return false;
        }
        return containsNormalized(rawPath);
    }

    /** True when the absolute, normalized path is a root or lies below one. */
    public boolean contains(String absoluteNormalizedPath) {
        return containsNormalized(absoluteNormalizedPath);
    }

    /**
     * True when a path whose symbolic links are all followed ({@link #realPath}) is a root or lies below one, the
     * root taken as written or as it really is.
     */
    public boolean containsReal(String realPath) {
        return containsNormalized(realPath) || in(realRoots, realPath);
    }

    private boolean containsNormalized(String path) {
        return in(roots, path);
    }

    private static boolean in(String[] directories, String path) {
        for (String root : directories) {
            if (root.equals("/")) {
                return true;
            }
            if (path.startsWith(root)
                    && (path.length() == root.length() || path.charAt(root.length()) == '/')) {
                return true;
            }
        }
        return false;
    }

    /**
     * Where an absolute path really leads: every symbolic link followed, {@code .} and {@code ..} applied after
     * them as the kernel does; a tail that does not exist yet is kept as written. The path as written (normalized)
     * when no link leads elsewhere or it cannot be resolved.
     */
    public static String realPath(String absolutePath) {
        String written = normalize(absolutePath);
        try {
            String real = new File(absolutePath).getCanonicalPath();
            // No link on the way: the path as written, not as it came back through the file name encoding (a name
            // the encoding cannot hold comes back with '?' in it, though it names the same file).
            return real.equals(new String(written.getBytes(FILE_NAMES), FILE_NAMES)) ? written : real;
        } catch (IOException | RuntimeException unresolvable) {
            return written;
        }
    }

    private static Charset fileNameCharset() {
        try {
            return Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"));
        } catch (RuntimeException unknown) {
            return StandardCharsets.UTF_8;
        }
    }

    /** Resolves {@code rawPath} against {@code baseDirectory} when relative, then normalizes it. */
    public static String resolve(String rawPath, String baseDirectory) {
        return normalize(absolute(rawPath, baseDirectory));
    }

    /** {@code rawPath} made absolute against {@code baseDirectory}, not normalized. */
    public static String absolute(String rawPath, String baseDirectory) {
        return rawPath.startsWith("/") ? rawPath : baseDirectory + "/" + rawPath;
    }

    /** Removes empty and {@code .} segments and applies {@code ..} lexically, as the kernel would for real directories. */
    public static String normalize(String absolutePath) {
        if (isNormal(absolutePath)) {
            // Most paths a program writes are: one scan instead of a split and a rebuild, on every write judged.
            return absolutePath;
        }
        List<String> segments = new ArrayList<>();
        for (String segment : absolutePath.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (!segments.isEmpty()) {
                    segments.remove(segments.size() - 1);
                }
                continue;
            }
            segments.add(segment);
        }
        if (segments.isEmpty()) {
            return "/";
        }
        StringBuilder out = new StringBuilder(absolutePath.length());
        for (String segment : segments) {
            out.append('/').append(segment);
        }
        return out.toString();
    }

    /** Whether {@link #normalize} would return the path unchanged: absolute, no empty, {@code .} or {@code ..} segment. */
    static boolean isNormal(String path) {
        int length = path.length();
        if (length == 0 || path.charAt(0) != '/') {
            return false;
        }
        if (length == 1) {
            return true;
        }
        int segmentStart = 1;
        for (int i = 1; i <= length; i++) {
            if (i == length || path.charAt(i) == '/') {
                int segmentLength = i - segmentStart;
                if (segmentLength == 0 || segmentLength <= 2 && path.charAt(segmentStart) == '.'
                        && (segmentLength == 1 || path.charAt(segmentStart + 1) == '.')) {
                    return false;
                }
                segmentStart = i + 1;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return String.join(",", roots);
    }
}
