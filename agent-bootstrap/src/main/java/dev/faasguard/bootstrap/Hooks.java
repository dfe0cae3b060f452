package dev.faasguard.bootstrap;

import java.io.File;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Static entry points that instrumented JDK methods call. Each one gathers no more than it is given,
 * takes the fast path out when the operation cannot be a finding, and otherwise hands the facts to
 * the {@link HookSink} the agent installed. A hook never lets its own failure reach the application;
 * the only exceptions it throws are the ones enforce mode asks for.
 */
public final class Hooks {

    public static final String OP_OPEN_FOR_WRITE = "open-for-write";
    public static final String OP_OPEN_FOR_APPEND = "open-for-append";
    public static final String OP_CREATE_FILE = "create-file";
    public static final String OP_CREATE_TEMP_FILE = "create-temp-file";
    public static final String OP_CREATE_DIRECTORY = "create-directory";
    public static final String OP_CREATE_DIRECTORIES = "create-directories";
    public static final String OP_DELETE = "delete";
    public static final String OP_RENAME = "rename";
    public static final String OP_MOVE = "move";
    public static final String OP_COPY = "copy";
    public static final String OP_LOG_FILE = "open-log-file";

    public static final String RULE_JOIN = "join-without-timeout";
    public static final String RULE_CONNECT = "connect-without-timeout";
    public static final String RULE_READ = "read-without-timeout";
    public static final String RULE_HTTP = "http-without-timeout";
    public static final String RULE_WAIT = "wait-without-timeout";

    /**
     * A blocking call's token: the sink's id shifted left by one, and the low bit set when the call
     * encloses the calls it makes (an HTTP call encloses its socket reads). 0 means nothing to undo.
     */
    private static final int ENCLOSES = 1;

    /** The directory whose growth across warm invocations is followed. */
    private static final String TMP = "/tmp/";

    /** {@code RandomAccessFile}'s own mode bit for read-write ({@code O_RDWR} in RandomAccessFile.java). */
    private static final int RANDOM_ACCESS_READ_WRITE = 2;

    private static final ThreadLocal<HookState> STATE = new ThreadLocal<>();

    private static volatile HookSink sink;
    private static volatile WritableRoots roots = WritableRoots.TMP_ONLY;
    private static volatile boolean enforce;
    /** True between an invocation's start and end: only then is a started thread worth tracking. */
    private static volatile boolean invocationActive;
    /**
     * The running invocation's deadline (epoch ms), 0 when none: timeouts longer than what is left are
     * findings. Deliberately not volatile: every timed call reads it, and a thread that sees a change a
     * moment late only delays a warning.
     */
    private static long deadline;

    private Hooks() {}

    /** Whether an agent is plugged in already: a second -javaagent or an attach must not start another. */
    public static boolean installed() {
        return sink != null;
    }

    /** Plugs the agent in. Until this runs, every hook returns at once. */
    public static void install(HookSink agentSink, WritableRoots writableRoots, boolean enforceMode) {
        roots = writableRoots;
        enforce = enforceMode;
        sink = agentSink;
    }

    /** Marks the current thread as the agent's own for good (its reporter and shutdown threads). */
    public static void markAgentThread() {
        state().agentDepth = 1 << 20;
    }

    /** Brackets agent work done on an application thread, so its I/O is never a finding. */
    public static void enterAgentCode() {
        state().agentDepth++;
    }

    public static void exitAgentCode() {
        state().agentDepth--;
    }

    // ---- java.io ----------------------------------------------------------------------------

    /** {@code FileOutputStream.open}: every FileOutputStream, FileWriter and PrintStream/PrintWriter on a file. */
    public static void fileOutputStreamOpen(String name, boolean append) throws FileNotFoundException {
        if (deny(append ? OP_OPEN_FOR_APPEND : OP_OPEN_FOR_WRITE, name, null)) {
            throw ReadOnlyFileSystem.javaIo(name);
        }
    }

    /** {@code RandomAccessFile.open}: only the read-write modes can write. */
    public static void randomAccessFileOpen(String name, int mode) throws FileNotFoundException {
        if ((mode & RANDOM_ACCESS_READ_WRITE) != 0 && deny(OP_OPEN_FOR_WRITE, name, null)) {
            throw ReadOnlyFileSystem.javaIo(name);
        }
    }

    public static void fileCreateNewFile(File file) throws IOException {
        if (deny(OP_CREATE_FILE, file.getPath(), null)) {
            throw ReadOnlyFileSystem.plain();
        }
    }

    /** {@code File.createTempFile(prefix, suffix, directory)}; a null directory is java.io.tmpdir. */
    public static void fileCreateTempFile(String prefix, String suffix, File directory) throws IOException {
        if (directory == null) {
            return;
        }
        String pattern = directory.getPath() + File.separator + prefix + "*" + (suffix == null ? ".tmp" : suffix);
        if (deny(OP_CREATE_TEMP_FILE, pattern, null)) {
            throw ReadOnlyFileSystem.plain();
        }
    }

    /** @return true when {@code File.mkdir} must fail as it would on a read-only file system */
    public static boolean fileMkdir(File file) {
        return deny(OP_CREATE_DIRECTORY, file.getPath(), null);
    }

    /** @return true when {@code File.delete} must fail as it would on a read-only file system */
    public static boolean fileDelete(File file) {
        return deny(OP_DELETE, file.getPath(), null);
    }

    /** @return true when {@code File.renameTo} must fail as it would on a read-only file system */
    public static boolean fileRenameTo(File source, File target) {
        return target != null && deny(OP_RENAME, target.getPath(), source.getPath());
    }

    /**
     * Entry of {@code File.mkdirs}, judged as one operation; the {@code mkdir} calls it makes are not.
     *
     * @return true when it must fail (nothing entered); otherwise a scope is entered and
     *     {@link #exitScope} runs when the method ends
     */
    public static boolean fileMkdirsEnter(File file) {
        if (deny(OP_CREATE_DIRECTORIES, file.getPath(), null)) {
            return true;
        }
        enterScope();
        return false;
    }

    // ---- java.nio.file ----------------------------------------------------------------------

    /**
     * Entry of {@code newByteChannel}, {@code newFileChannel} and {@code newAsynchronousFileChannel} of the
     * default provider, scoped because on newer JDKs newByteChannel opens through newFileChannel.
     */
    public static void channelOpenEnter(Path path, Set<?> options) throws IOException {
        checkChannelOpen(path, options);
        enterScope();
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
                ? OP_CREATE_FILE
                : append ? OP_OPEN_FOR_APPEND : OP_OPEN_FOR_WRITE;
        String name = path.toString();
        if (deny(operation, name, null)) {
            throw ReadOnlyFileSystem.nio(name, null);
        }
    }

    public static void createDirectory(Path directory) throws IOException {
        String name = directory.toString();
        if (deny(OP_CREATE_DIRECTORY, name, null)) {
            throw ReadOnlyFileSystem.nio(name, null);
        }
    }

    /** Entry of {@code Files.createDirectories}, judged as one operation (see {@link #fileMkdirsEnter}). */
    public static void createDirectoriesEnter(Path directory) throws IOException {
        String name = directory.toString();
        if (deny(OP_CREATE_DIRECTORIES, name, null)) {
            throw ReadOnlyFileSystem.nio(name, null);
        }
        enterScope();
    }

    /** {@code delete} and {@code deleteIfExists} of the default provider. */
    public static void delete(Path file) throws IOException {
        String name = file.toString();
        if (deny(OP_DELETE, name, null)) {
            throw ReadOnlyFileSystem.nio(name, null);
        }
    }

    public static void copy(Path source, Path target) throws IOException {
        String targetName = target.toString();
        if (deny(OP_COPY, targetName, source.toString())) {
            throw ReadOnlyFileSystem.nio(source.toString(), targetName);
        }
    }

    public static void move(Path source, Path target) throws IOException {
        String targetName = target.toString();
        if (deny(OP_MOVE, targetName, source.toString())) {
            throw ReadOnlyFileSystem.nio(source.toString(), targetName);
        }
    }

    // ---- java.util.logging ------------------------------------------------------------------

    /** Entry of {@code FileHandler.openFiles}: its lock file and log file are one operation. */
    public static void fileHandlerOpenEnter(String pattern) throws IOException {
        if (pattern != null && deny(OP_LOG_FILE, pattern, null)) {
            throw ReadOnlyFileSystem.nio(pattern, null);
        }
        enterScope();
    }

    /** Entry of {@code FileHandler.close}: removing its own lock file belongs to the opening already reported. */
    public static void fileHandlerCloseEnter() {
        enterScope();
    }

    // ---- calls that may wait forever ------------------------------------------------------------
    // Each returns a token for blockingExit: 0 on the fast path (a timeout is set, or the call cannot
    // block), so a call made correctly costs a compare or two.

    /** {@code Thread.join(long)}: join() and join(0) wait forever for a thread that is alive. */
    public static int threadJoinEnter(Thread target, long millis) {
        if (millis != 0) {
            checkTimeout("Thread.join", millis, null);
            return 0;
        }
        if (sink == null || !target.isAlive()) {
            return 0;
        }
        return blocking(RULE_JOIN, "Thread.join", target.getName(), null, null, false);
    }

    /** {@code Socket.connect(SocketAddress, int)}, which connect(addr) and the Socket(host, port) constructors use. */
    public static int socketConnectEnter(SocketAddress address, int timeoutMillis) {
        if (timeoutMillis != 0) {
            checkTimeout("Socket.connect", timeoutMillis, null);
            return 0;
        }
        if (sink == null) {
            return 0;
        }
        return blocking(RULE_CONNECT, "Socket.connect", hostAndPort(address), null, null, false);
    }

    /** {@code SocketChannel.connect} (and SocketChannel.open(address)): a blocking channel connects with no timeout. */
    public static int socketChannelConnectEnter(SocketChannel channel, SocketAddress address) {
        if (sink == null || !channel.isBlocking()) {
            return 0;
        }
        return blocking(RULE_CONNECT, "SocketChannel.connect", hostAndPort(address), null, null, false);
    }

    /** A socket read (the socket implementation's read); reported once per socket. */
    public static int socketReadEnter(Object socket, int timeoutMillis, InetAddress address, int port) {
        if (timeoutMillis != 0) {
            checkTimeout("Socket.read", timeoutMillis, socket);
            return 0;
        }
        if (sink == null) {
            return 0;
        }
        String peer = (address == null ? "?" : address.getHostAddress()) + ":" + port;
        return blocking(RULE_READ, "Socket.read", peer, null, socket, false);
    }

    /**
     * {@code HttpURLConnection.connect}, {@code getInputStream}, {@code getOutputStream}, for http and https.
     * With both timeouts set, its socket calls have timeouts too: nothing to judge, nothing to enclose.
     */
    public static int httpUrlConnectionEnter(HttpURLConnection connection, boolean connected) {
        if (sink == null) {
            return 0;
        }
        boolean noConnectTimeout = !connected && connection.getConnectTimeout() == 0;
        boolean noReadTimeout = connection.getReadTimeout() == 0;
        if (!noConnectTimeout && !noReadTimeout) {
            checkTimeouts("HttpURLConnection", connected ? 0 : connection.getConnectTimeout(), "read timeout",
                    connection.getReadTimeout(), connection);
            return 0;
        }
        String missing = noConnectTimeout && noReadTimeout ? "connectTimeout,readTimeout"
                : noConnectTimeout ? "connectTimeout" : "readTimeout";
        return blocking(RULE_HTTP, "HttpURLConnection", String.valueOf(connection.getURL()), missing, connection, true);
    }

    /** Reading an HttpURLConnection's body belongs to the HTTP call: its socket reads are not judged apart. */
    public static int httpBodyReadEnter() {
        return sink == null ? 0 : enclosingOnly();
    }

    /** Opens a scope with nothing to report: the calls made inside belong to the enclosing one. */
    private static int enclosingOnly() {
        HookState state = state();
        if (state.quiet()) {
            return 0;
        }
        state.scopeDepth++;
        return ENCLOSES;
    }

    /**
     * {@code java.net.http.HttpClient.send} and {@code sendAsync}. Enclosed even with both timeouts set:
     * send waits on its own future with no timeout, which is the client's business, not the application's.
     */
    public static int httpClientSendEnter(URI uri, Optional<?> connectTimeout, Optional<?> requestTimeout,
            boolean async) {
        if (sink == null) {
            return 0;
        }
        boolean clientConnectTimeout = connectTimeout != null && connectTimeout.isPresent();
        boolean hasRequestTimeout = requestTimeout != null && requestTimeout.isPresent();
        if (clientConnectTimeout && hasRequestTimeout) {
            checkTimeouts(async ? "HttpClient.sendAsync" : "HttpClient.send", millis(connectTimeout.get()),
                    "request timeout", millis(requestTimeout.get()), null);
            return enclosingOnly();
        }
        String missing = !clientConnectTimeout && !hasRequestTimeout ? "connectTimeout,requestTimeout"
                : !clientConnectTimeout ? "connectTimeout" : "requestTimeout";
        return blocking(RULE_HTTP, async ? "HttpClient.sendAsync" : "HttpClient.send", String.valueOf(uri), missing,
                null, true);
    }

    private static long millis(Object duration) {
        return duration instanceof Duration value ? value.toMillis() : 0;
    }

    /** {@code FutureTask.get()} and {@code CompletableFuture.get()} / {@code join()} on a future not yet done. */
    public static int futureGetEnter(Future<?> future, String operation) {
        if (sink == null || future.isDone()) {
            return 0;
        }
        return blocking(RULE_WAIT, operation, future.getClass().getName(), null, null, false);
    }

    public static int latchAwaitEnter(CountDownLatch latch) {
        if (sink == null || latch.getCount() == 0) {
            return 0;
        }
        return blocking(RULE_WAIT, "CountDownLatch.await", "count " + latch.getCount(), null, null, false);
    }

    /** {@code CyclicBarrier.await()} blocks unless this thread is the last party to arrive. */
    public static int barrierAwaitEnter(CyclicBarrier barrier) {
        if (sink == null || barrier.getNumberWaiting() >= barrier.getParties() - 1) {
            return 0;
        }
        return blocking(RULE_WAIT, "CyclicBarrier.await", barrier.getParties() + " parties", null, null, false);
    }

    public static int processWaitForEnter(Process process) {
        if (sink == null || !process.isAlive()) {
            return 0;
        }
        return blocking(RULE_WAIT, "Process.waitFor", "pid " + process.pid(), null, null, false);
    }

    /** {@code Future.get}, {@code CountDownLatch.await}, {@code Process.waitFor} with a timeout. */
    public static void timedWaitEnter(String operation, long timeout, TimeUnit unit) {
        if (deadline != 0) {
            checkTimeout(operation, unit == null ? 0 : unit.toMillis(timeout), null);
        }
    }

    /**
     * A client library armed a timer that aborts the call this thread is about to make after {@code millis}
     * (the AWS SDK's apiCallTimeout and apiCallAttemptTimeout). Until then, the socket timeouts of that call
     * are not what bounds it. Expires by itself, so a call that returns early leaves nothing to undo.
     */
    public static void callBoundedFor(long millis) {
        if (millis <= 0 || sink == null) {
            return;
        }
        HookState state = state();
        long now = System.currentTimeMillis();
        long until = now + millis;
        if (state.boundedUntil <= now || until < state.boundedUntil) {
            state.boundedUntil = until;
        }
    }

    /** Sets the running invocation's deadline (epoch ms), or 0 when it ends. */
    public static void deadline(long epochMillis) {
        deadline = epochMillis;
    }

    /**
     * An HTTP call's two timeouts, each judged as itself: the one longer than what is left is reported under its
     * own name, never their sum (a setting no client has).
     */
    private static void checkTimeouts(String operation, long connectTimeoutMillis, String otherTimeout,
            long otherTimeoutMillis, Object resource) {
        boolean otherIsLonger = otherTimeoutMillis >= connectTimeoutMillis;
        checkTimeout(operation + (otherIsLonger ? " " + otherTimeout : " connect timeout"),
                Math.max(connectTimeoutMillis, otherTimeoutMillis), resource);
    }

    /** A timeout is only wrong when an invocation with a deadline runs and it is longer than what is left. */
    private static void checkTimeout(String operation, long timeoutMillis, Object resource) {
        long until = deadline;
        if (until == 0) {
            return;
        }
        long now = System.currentTimeMillis();
        long remaining = until - now;
        HookSink target = sink;
        if (timeoutMillis <= remaining || target == null) {
            return;
        }
        HookState state = state();
        if (state.quiet() || state.bounded(now, until)) {
            return;
        }
        state.agentDepth++;
        try {
            target.timeoutExceedsDeadline(operation, timeoutMillis, remaining, resource);
        } catch (Throwable failure) {
            reportFailure(target, "timeout-exceeds-deadline", failure);
        } finally {
            state.agentDepth--;
        }
    }

    /** Runs when a method hooked for blocking returns or throws. */
    public static void blockingExit(int token) {
        if (token == 0) {
            return;
        }
        HookState state = state();
        if ((token & ENCLOSES) != 0) {
            state.scopeDepth--;
        }
        int id = token >>> 1;
        if (id != 0) {
            HookSink target = sink;
            state.agentDepth++;
            try {
                target.blockingCallEnded(id);
            } catch (Throwable failure) {
                reportFailure(target, "blocking-exit", failure);
            } finally {
                state.agentDepth--;
            }
        }
    }

    /**
     * Asks the sink about a call that may block. An enclosing call (HTTP) also opens a scope: the calls
     * it makes inside, its socket reads or the Future.get inside HttpClient.send, are part of it.
     */
    private static int blocking(String rule, String operation, String subject, String missing, Object resource,
            boolean encloses) {
        HookState state = state();
        if (state.quiet() || state.bounded(System.currentTimeMillis(), deadline)) {
            return 0;
        }
        HookSink target = sink;
        int id = 0;
        state.agentDepth++;
        try {
            id = target.blockingCallStarted(rule, operation, subject, missing, resource);
        } catch (Throwable failure) {
            reportFailure(target, rule, failure);
        } finally {
            state.agentDepth--;
        }
        if (encloses) {
            state.scopeDepth++;
        }
        return id << 1 | (encloses ? ENCLOSES : 0);
    }

    private static String hostAndPort(SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            return inet.getHostString() + ":" + inet.getPort();
        }
        return String.valueOf(address);
    }

    // ---- invocations ----------------------------------------------------------------------------

    /**
     * At the return of the runtime client's {@code nextInvocation()}: an invocation starts on this
     * thread. The request is the client's own type, which only the agent's side reads.
     */
    public static void invocationStart(Object request) {
        HookSink target = sink;
        if (target == null || request == null || state().agentDepth > 0) {
            return;
        }
        if (invocationActive) {
            // The previous one never reported (its handler hung, or the client was restored): close it first.
            invocationEnd(false);
        }
        invocationActive = true;
        asAgent(target, new Event(Event.STARTED, request, null, null, 0));
    }

    /**
     * Entry of the handler named by {@code faasguard.handler}: an invocation starts, unless one is
     * running already (the runtime client's, or an outer call of the same handler).
     *
     * @return 1 when this call started the invocation, else 0
     */
    public static int handlerEnter() {
        HookSink target = sink;
        if (target == null || invocationActive || state().agentDepth > 0) {
            return 0;
        }
        invocationActive = true;
        asAgent(target, new Event(Event.STARTED, null, null, null, 0));
        return 1;
    }

    /** The handler returned ({@code thrown} null) or threw. */
    public static void handlerExit(int token, Throwable thrown) {
        if (token == 0) {
            return;
        }
        if (thrown != null) {
            invocationFailed(thrown);
        }
        invocationEnd(thrown == null);
    }

    /** At the entry of the runtime client's {@code reportInvocationSuccess} / {@code reportInvocationError}. */
    public static void invocationEnd(boolean success) {
        HookSink target = sink;
        if (target == null || state().agentDepth > 0) {
            return;
        }
        asAgent(target, new Event(success ? Event.SUCCEEDED : Event.FAILED_END, null, null, null, 0));
        invocationActive = false;
    }

    /** The runtime client turns the handler's exception into the error it reports. */
    public static void invocationFailed(Throwable error) {
        HookSink target = sink;
        if (target != null && state().agentDepth == 0) {
            asAgent(target, new Event(Event.THREW, null, null, error, 0));
        }
    }

    /** {@code Thread.start()}: threads started during an invocation are followed until it ends. */
    public static void threadStart(Thread thread) {
        HookSink target = sink;
        if (!invocationActive || target == null || state().agentDepth > 0) {
            return;
        }
        asAgent(target, new Event(Event.THREAD_STARTED, null, thread, null, 0));
    }

    /** {@code Thread.dispatchUncaughtException}: the JVM hands a dying thread's exception to its handler. */
    public static void uncaughtException(Thread thread, Throwable error) {
        HookSink target = sink;
        if (target != null && state().agentDepth == 0) {
            asAgent(target, new Event(Event.UNCAUGHT, null, thread, error, 0));
        }
    }

    /** {@code Runtime.exit} and {@code Runtime.halt}. */
    public static void runtimeExit(int status, boolean halt) {
        HookSink target = sink;
        if (target != null && state().agentDepth == 0) {
            asAgent(target, new Event(halt ? Event.HALT : Event.EXIT, null, null, null, status));
        }
    }

    /** Hands one lifecycle event to the sink as agent code, swallowing whatever it throws. */
    private static void asAgent(HookSink target, Event event) {
        HookState state = state();
        state.agentDepth++;
        try {
            event.deliver(target);
        } catch (Throwable failure) {
            reportFailure(target, "invocation", failure);
        } finally {
            state.agentDepth--;
        }
    }

    /** One lifecycle event, so that every hook above shares one guarded delivery. */
    private static final class Event {
        static final int STARTED = 0;
        static final int SUCCEEDED = 1;
        static final int FAILED_END = 2;
        static final int THREW = 3;
        static final int THREAD_STARTED = 4;
        static final int UNCAUGHT = 5;
        static final int EXIT = 6;
        static final int HALT = 7;

        final int kind;
        final Object request;
        final Thread thread;
        final Throwable error;
        final int status;

        Event(int kind, Object request, Thread thread, Throwable error, int status) {
            this.kind = kind;
            this.request = request;
            this.thread = thread;
            this.error = error;
            this.status = status;
        }

        void deliver(HookSink target) {
            switch (kind) {
                case STARTED -> target.invocationStarted(request);
                case SUCCEEDED -> target.invocationEnded(true);
                case FAILED_END -> target.invocationEnded(false);
                case THREW -> target.invocationFailed(error);
                case THREAD_STARTED -> target.threadStarted(thread);
                case UNCAUGHT -> target.uncaughtException(thread, error);
                default -> target.runtimeExit(status, kind == HALT);
            }
        }
    }

    // ---- scopes -----------------------------------------------------------------------------

    /** Runs when a scoped method returns or throws. */
    public static void exitScope() {
        HookState state = STATE.get();
        if (state != null && state.scopeDepth > 0) {
            state.scopeDepth--;
        }
    }

    private static void enterScope() {
        state().scopeDepth++;
    }

    // ---- the slow path ----------------------------------------------------------------------

    /**
     * Reports the operation unless it is certainly harmless, and says whether enforce mode must fail it.
     * The quick root test runs before any thread-local lookup, so a write inside /tmp costs a few compares.
     */
    private static boolean deny(String operation, String path, String otherPath) {
        HookSink target = sink;
        if (target == null || path == null) {
            return false;
        }
        WritableRoots writable = roots;
        if (writable.quickContains(path) && (otherPath == null || writable.quickContains(otherPath))) {
            if (invocationActive && path.startsWith(TMP) && creates(operation)) {
                tmpWritten(target, path);
            }
            return false;
        }
        HookState state = state();
        if (state.quiet()) {
            return false;
        }
        state.agentDepth++;
        try {
            return target.fileWrite(operation, path, otherPath) && enforce;
        } catch (Throwable failure) {
            reportFailure(target, operation, failure);
            return false;
        } finally {
            state.agentDepth--;
        }
    }

    private static boolean creates(String operation) {
        return !OP_DELETE.equals(operation) && !OP_OPEN_FOR_APPEND.equals(operation) && !OP_LOG_FILE.equals(operation);
    }

    private static void tmpWritten(HookSink target, String path) {
        HookState state = state();
        if (state.quiet()) {
            return;
        }
        state.agentDepth++;
        try {
            target.tmpWritten(path);
        } catch (Throwable failure) {
            reportFailure(target, "tmp-write", failure);
        } finally {
            state.agentDepth--;
        }
    }

    private static void reportFailure(HookSink target, String hook, Throwable failure) {
        try {
            target.hookFailed(hook, failure);
        } catch (Throwable ignored) {
            // The sink itself is broken: staying silent is the only way not to hurt the application.
        }
    }

    private static HookState state() {
        HookState state = STATE.get();
        if (state == null) {
            state = new HookState();
            STATE.set(state);
        }
        return state;
    }
}
