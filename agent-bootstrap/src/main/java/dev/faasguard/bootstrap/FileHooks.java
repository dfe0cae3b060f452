package dev.faasguard.bootstrap;

import java.io.File;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;

/**
 * The file hooks: java.io, the default NIO file system provider, java.util.logging's FileHandler. Each asks
 * {@link #deny} about the operation, which takes the fast path out for a write inside the writable roots and
 * otherwise asks the {@link FileSink}; in enforce mode a denied operation fails as it would on a read-only file
 * system.
 */
public final class FileHooks {

    /** The directory whose growth across warm invocations is followed. */
    private static final String TMP = "/tmp/";

    /** {@code RandomAccessFile}'s own mode bit for read-write ({@code O_RDWR} in RandomAccessFile.java). */
    private static final int RANDOM_ACCESS_READ_WRITE = 2;

    private FileHooks() {}

    // ---- java.io ----------------------------------------------------------------------------

    /** {@code FileOutputStream.open}: every FileOutputStream, FileWriter and PrintStream/PrintWriter on a file. */
    public static void fileOutputStreamOpen(String name, boolean append) throws FileNotFoundException {
        if (deny(append ? Operations.OPEN_FOR_APPEND : Operations.OPEN_FOR_WRITE, name, null)) {
            throw ReadOnlyFileSystem.javaIo(name);
        }
    }

    /** {@code RandomAccessFile.open}: only the read-write modes can write. */
    public static void randomAccessFileOpen(String name, int mode) throws FileNotFoundException {
        if ((mode & RANDOM_ACCESS_READ_WRITE) != 0 && deny(Operations.OPEN_FOR_WRITE, name, null)) {
            throw ReadOnlyFileSystem.javaIo(name);
        }
    }

    public static void fileCreateNewFile(File file) throws IOException {
        if (deny(Operations.CREATE_FILE, file.getPath(), null)) {
            throw ReadOnlyFileSystem.plain();
        }
    }

    /** {@code File.createTempFile(prefix, suffix, directory)}; a null directory is java.io.tmpdir. */
    public static void fileCreateTempFile(String prefix, String suffix, File directory) throws IOException {
        if (directory == null) {
            return;
        }
        String pattern = directory.getPath() + File.separator + prefix + "*" + (suffix == null ? ".tmp" : suffix);
        if (deny(Operations.CREATE_TEMP_FILE, pattern, null)) {
            throw ReadOnlyFileSystem.plain();
        }
    }

    /**
     * What {@code File.createTempFile} returns: a file it has just created, which the pattern judged at its entry
     * could not name. Under /tmp during an invocation it is told as created, so that a temporary file left behind
     * is found at the line that made it.
     */
    public static void fileTempFileCreated(File file) {
        AgentSinks target = Hooks.sink;
        if (target == null || file == null || !Hooks.invocationActive || !file.getPath().startsWith(TMP)) {
            return;
        }
        HookState state = Hooks.state();
        if (!state.quiet()) {
            Hooks.guarded(Hooks.TMP_CREATED, target, state, file.getPath(), null, null, null, null, 0, 0);
        }
    }

    /** @return true when {@code File.mkdir} must fail as it would on a read-only file system */
    public static boolean fileMkdir(File file) {
        return deny(Operations.CREATE_DIRECTORY, file.getPath(), null);
    }

    /** @return true when {@code File.delete} must fail as it would on a read-only file system */
    public static boolean fileDelete(File file) {
        return deny(Operations.DELETE, file.getPath(), null);
    }

    /** @return true when {@code File.renameTo} must fail as it would on a read-only file system */
    public static boolean fileRenameTo(File source, File target) {
        return target != null && deny(Operations.RENAME, target.getPath(), source.getPath());
    }

    /**
     * Entry of {@code File.mkdirs}, judged as one operation; the {@code mkdir} calls it makes are not.
     *
     * @return true when it must fail (nothing entered); otherwise a scope is entered and
     *     {@link Hooks#exitScope} runs when the method ends
     */
    public static boolean fileMkdirsEnter(File file) {
        if (deny(Operations.CREATE_DIRECTORIES, file.getPath(), null)) {
            return true;
        }
        Hooks.enterScope();
        return false;
    }

    // ---- java.nio.file ----------------------------------------------------------------------

    /**
     * Entry of {@code newByteChannel}, {@code newFileChannel} and {@code newAsynchronousFileChannel} of the
     * default provider, scoped because on newer JDKs newByteChannel opens through newFileChannel.
     */
    public static void channelOpenEnter(Path path, Set<?> options) throws IOException {
        checkChannelOpen(path, options);
        Hooks.enterScope();
    }

    private static void checkChannelOpen(Path path, Set<?> options) throws IOException {
        if (options == null) {
            return;
        }
        boolean append = options.contains(StandardOpenOption.APPEND);
        if (!append && !options.contains(StandardOpenOption.WRITE)) {
            return;
        }
        String operation = options.contains(StandardOpenOption.CREATE_NEW)
                ? Operations.CREATE_FILE
                : append ? Operations.OPEN_FOR_APPEND : Operations.OPEN_FOR_WRITE;
        String name = path.toString();
        if (deny(operation, name, null)) {
            throw ReadOnlyFileSystem.nio(name, null);
        }
    }

    public static void createDirectory(Path directory) throws IOException {
        String name = directory.toString();
        if (deny(Operations.CREATE_DIRECTORY, name, null)) {
            throw ReadOnlyFileSystem.nio(name, null);
        }
    }

    /** Entry of {@code Files.createDirectories}, judged as one operation (see {@link #fileMkdirsEnter}). */
    public static void createDirectoriesEnter(Path directory) throws IOException {
        String name = directory.toString();
        if (deny(Operations.CREATE_DIRECTORIES, name, null)) {
            throw ReadOnlyFileSystem.nio(name, null);
        }
        Hooks.enterScope();
    }

    /** {@code delete} and {@code deleteIfExists} of the default provider. */
    public static void delete(Path file) throws IOException {
        String name = file.toString();
        if (deny(Operations.DELETE, name, null)) {
            throw ReadOnlyFileSystem.nio(name, null);
        }
    }

    public static void copy(Path source, Path target) throws IOException {
        String targetName = target.toString();
        if (deny(Operations.COPY, targetName, source.toString())) {
            throw ReadOnlyFileSystem.nio(source.toString(), targetName);
        }
    }

    public static void move(Path source, Path target) throws IOException {
        String targetName = target.toString();
        if (deny(Operations.MOVE, targetName, source.toString())) {
            throw ReadOnlyFileSystem.nio(source.toString(), targetName);
        }
    }

    /**
     * Entry of the default provider's {@code createSymbolicLink}: a link made inside the roots that leads out of them
     * is remembered, so that a write through it leaves the fast path ({@link LeafLinks}). Rare; no sink call.
     */
    public static void symbolicLinkCreating(Path link, Path target) {
        if (Hooks.sink == null || link == null || target == null) {
            return;
        }
        try {
            RealDirectories real = Hooks.realDirectories;
            WritableRoots writable = Hooks.roots;
            Path absoluteLink = link.toAbsolutePath();
            Path absoluteTarget = target.isAbsolute() ? target : absoluteLink.resolveSibling(target);
            if (writable.containsReal(WritableRoots.realPath(absoluteTarget.toString()))) {
                return;
            }
            String written = WritableRoots.normalize(absoluteLink.toString());
            for (String name : new String[] {written, real.realPath(written)}) {
                if (writable.quickContains(name)) {
                    real.leafLinks().add(name);
                }
            }
        } catch (Throwable failure) {
            // Unknown, the link is judged as written: the limit that holds for a link another process made.
        }
    }

    // ---- java.util.logging ------------------------------------------------------------------

    /** Entry of {@code FileHandler.openFiles}: its lock file and log file are one operation. */
    public static void fileHandlerOpenEnter(String pattern) throws IOException {
        if (pattern != null && deny(Operations.LOG_FILE, pattern, null)) {
            throw ReadOnlyFileSystem.nio(pattern, null);
        }
        Hooks.enterScope();
    }

    /** Entry of {@code FileHandler.close}: removing its own lock file belongs to the opening already reported. */
    public static void fileHandlerCloseEnter() {
        Hooks.enterScope();
    }

    // ---- the judgement ----------------------------------------------------------------------

    /**
     * Reports the operation unless it is certainly harmless, and says whether enforce mode must fail it.
     * The quick root test runs before any thread-local lookup, so a write inside /tmp costs a few compares and,
     * once its directory is known to lie really inside /tmp (no symbolic link out of it), one table lookup.
     */
    private static boolean deny(String operation, String path, String otherPath) {
        AgentSinks target = Hooks.sink;
        if (target == null || path == null) {
            return false;
        }
        WritableRoots writable = Hooks.roots;
        RealDirectories real = Hooks.realDirectories;
        if (Operations.removesOrReplaces(operation)) {
            forget(real, path, otherPath);
        }
        if (writable.quickContains(path) && (otherPath == null || writable.quickContains(otherPath))
                && reallyInside(real, path) && (otherPath == null || reallyInside(real, otherPath))) {
            int name = openedName(real, operation, path);
            if (name != RealDirectories.LINK) {
                if (Hooks.invocationActive) {
                    tmpChanging(target, operation, path, otherPath, name == RealDirectories.NOT_THERE);
                }
                return false;
            }
        }
        HookState state = Hooks.state();
        if (state.quiet()) {
            return false;
        }
        return Hooks.guarded(Hooks.FILE_WRITE, target, state, operation, path, otherPath, null, null, 0, 0) != 0
                && Hooks.enforce;
    }

    /** Whether a path inside a root as written leads inside one through its symbolic links; unsure is no. */
    private static boolean reallyInside(RealDirectories real, String path) {
        try {
            return real.reallyInside(path);
        } catch (Throwable failure) {
            return false; // Then the agent judges it, behind the guard.
        }
    }

    /**
     * What the operation opens, when it opens a file by its name: through a symbolic link (which may lead out of the
     * roots: the agent follows it), or not, or a name not there yet; for a name written before and seen to be no link,
     * a volatile read and one table lookup. Unsure is a link.
     */
    private static int openedName(RealDirectories real, String operation, String path) {
        try {
            return Operations.followsName(operation) ? real.openedName(path) : RealDirectories.NO_LINK;
        } catch (Throwable failure) {
            return RealDirectories.LINK; // Then the agent judges it, behind the guard.
        }
    }

    /**
     * A directory removed or moved may come back as a symbolic link: what is known about it is forgotten. A known
     * link moved is known at its new name.
     */
    private static void forget(RealDirectories real, String path, String otherPath) {
        try {
            boolean linkMoved = otherPath != null && real.leafLinks().contains(otherPath);
            real.forget(path);
            if (otherPath != null) {
                real.forget(otherPath);
            }
            if (linkMoved) {
                real.leafLinks().add(path);
            }
        } catch (Throwable failure) {
            // Forgetting can hardly fail; if it does, the table was right until now and stays so.
        }
    }

    /**
     * What an operation is about to change under /tmp while an invocation runs: what /tmp's growth is traced to
     * and its usage balanced with. A pattern names no file yet: what is written there is left to the usage check.
     */
    private static void tmpChanging(AgentSinks target, String operation, String path, String otherPath,
            boolean pathNotThere) {
        boolean changesPath = path.startsWith(TMP) && !Operations.namesPattern(operation);
        boolean removesOther = otherPath != null && otherPath.startsWith(TMP) && Operations.removesSource(operation);
        if (!changesPath && !removesOther) {
            return;
        }
        HookState state = Hooks.state();
        if (state.quiet()) {
            return;
        }
        if (changesPath) {
            Hooks.guarded(Hooks.TMP_CHANGING, target, state, path, null, null, null, null,
                    Operations.DELETE.equals(operation) ? 1 : 0, pathNotThere ? 1 : 0);
        }
        if (removesOther) {
            Hooks.guarded(Hooks.TMP_CHANGING, target, state, otherPath, null, null, null, null, 1, 0);
        }
    }

    /**
     * Entry of the method of an embedded database driver that every connection passes through with its URL
     * (SQLite's {@code JDBC.createConnection}, H2's {@code JdbcConnection} constructor, HSQLDB's
     * {@code JDBCDriver.getConnection}, Derby's {@code InternalDriver.connect}): the URL names the files it will
     * write, whatever writes them (SQLite's native code included). Rare: one per connection a pool makes.
     *
     * @param driverPrefix the URLs this driver accepts ({@code jdbc:sqlite:}): DriverManager hands every driver in
     *     turn the URL of any database, which only one of them opens
     */
    public static void embeddedDatabaseOpening(String url, String driverPrefix) {
        AgentSinks target = Hooks.sink;
        if (target == null || url == null || !url.regionMatches(true, 0, driverPrefix, 0, driverPrefix.length())) {
            return;
        }
        HookState state = Hooks.state();
        if (!state.quiet()) {
            Hooks.guarded(Hooks.EMBEDDED_DATABASE, target, state, url, null, null, null, null, 0, 0);
        }
    }
}
