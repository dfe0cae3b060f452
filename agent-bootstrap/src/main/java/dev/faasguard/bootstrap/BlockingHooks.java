package dev.faasguard.bootstrap;

import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The hooks of calls that may wait forever: joins, connects, socket reads, HTTP calls, futures, latches,
 * barriers, processes; and of the timeouts that are set, judged against the running invocation's deadline.
 *
 * <p>Each {@code ...Enter} returns a token for {@link #blockingExit}: 0 on the fast path (a timeout is set, or the
 * call cannot block), so a call made correctly costs a compare or two.
 */
public final class BlockingHooks {

    /**
     * A blocking call's token: the sink's id shifted left by one, and the low bit set when the call
     * encloses the calls it makes (an HTTP call encloses its socket reads). 0 means nothing to undo.
     */
    private static final int ENCLOSES = 1;

    private BlockingHooks() {}

    /** {@code Thread.join(long)}: join() and join(0) wait forever for a thread that is alive. */
    public static int threadJoinEnter(Thread target, long millis) {
        if (millis != 0) {
            checkTimeout("Thread.join", millis, null);
            return 0;
        }
        if (Hooks.sink == null || !target.isAlive() || Hooks.isAgentThread(target)) {
            return 0;
        }
        return blocking(Operations.JOIN, "Thread.join", target.getName(), null, null, false);
    }

    /** {@code Socket.connect(SocketAddress, int)}, which connect(addr) and the Socket(host, port) constructors use. */
    public static int socketConnectEnter(Socket socket, SocketAddress address, int timeoutMillis) {
        SnapshotHooks.connecting(socket, address);
        if (timeoutMillis != 0) {
            checkTimeout("Socket.connect", timeoutMillis, null);
            return 0;
        }
        if (Hooks.sink == null) {
            return 0;
        }
        return blocking(Operations.CONNECT, "Socket.connect", hostAndPort(address), null, null, false);
    }

    /** {@code SocketChannel.connect} (and SocketChannel.open(address)): a blocking channel connects with no timeout. */
    public static int socketChannelConnectEnter(SocketChannel channel, SocketAddress address) {
        SnapshotHooks.connecting(channel, address);
        if (Hooks.sink == null || !channel.isBlocking()) {
            return 0;
        }
        return blocking(Operations.CONNECT, "SocketChannel.connect", hostAndPort(address), null, null, false);
    }

    /** A socket read (the socket implementation's read); reported once per socket. */
    public static int socketReadEnter(Object socket, int timeoutMillis, InetAddress address, int port) {
        if (timeoutMillis != 0) {
            checkTimeout("Socket.read", timeoutMillis, socket);
            return 0;
        }
        if (Hooks.sink == null) {
            return 0;
        }
        String peer = (address == null ? "?" : address.getHostAddress()) + ":" + port;
        return blocking(Operations.READ, "Socket.read", peer, null, socket, false);
    }

    /**
     * {@code HttpURLConnection.connect}, {@code getInputStream}, {@code getOutputStream}, for http and https.
     * With both timeouts set, its socket calls have timeouts too: nothing to judge, nothing to enclose.
     */
    public static int httpUrlConnectionEnter(HttpURLConnection connection, boolean connected) {
        if (Hooks.sink == null) {
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
        return blocking(Operations.HTTP, "HttpURLConnection", String.valueOf(connection.getURL()), missing, connection, true);
    }

    /** Reading an HttpURLConnection's body belongs to the HTTP call: its socket reads are not judged apart. */
    public static int httpBodyReadEnter() {
        return Hooks.sink == null ? 0 : enclosingOnly();
    }

    /** Opens a scope with nothing to report: the calls made inside belong to the enclosing one. */
    private static int enclosingOnly() {
        HookState state = Hooks.state();
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
        if (Hooks.sink == null) {
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
        return blocking(Operations.HTTP, async ? "HttpClient.sendAsync" : "HttpClient.send", String.valueOf(uri), missing,
                null, true);
    }

    private static long millis(Object duration) {
        return duration instanceof Duration value ? value.toMillis() : 0;
    }

    /** {@code FutureTask.get()} and {@code CompletableFuture.get()} / {@code join()} on a future not yet done. */
    public static int futureGetEnter(Future<?> future, String operation) {
        if (Hooks.sink == null || future.isDone()) {
            return 0;
        }
        return blocking(Operations.WAIT, operation, future.getClass().getName(), null, null, false);
    }

    public static int latchAwaitEnter(CountDownLatch latch) {
        if (Hooks.sink == null || latch.getCount() == 0) {
            return 0;
        }
        return blocking(Operations.WAIT, "CountDownLatch.await", "count " + latch.getCount(), null, null, false);
    }

    /** {@code CyclicBarrier.await()} blocks unless this thread is the last party to arrive. */
    public static int barrierAwaitEnter(CyclicBarrier barrier) {
        if (Hooks.sink == null || barrier.getNumberWaiting() >= barrier.getParties() - 1) {
            return 0;
        }
        return blocking(Operations.WAIT, "CyclicBarrier.await", barrier.getParties() + " parties", null, null, false);
    }

    public static int processWaitForEnter(Process process) {
        if (Hooks.sink == null || !process.isAlive()) {
            return 0;
        }
        return blocking(Operations.WAIT, "Process.waitFor", "pid " + process.pid(), null, null, false);
    }

    /** {@code Future.get}, {@code CountDownLatch.await}, {@code Process.waitFor} with a timeout. */
    public static void timedWaitEnter(String operation, long timeout, TimeUnit unit) {
        if (Hooks.deadline != 0) {
            checkTimeout(operation, unit == null ? 0 : unit.toMillis(timeout), null);
        }
    }

    /**
     * A client library armed a timer that aborts the call this thread is about to make after {@code millis}
     * (the AWS SDK's apiCallTimeout and apiCallAttemptTimeout). Until then, the socket timeouts of that call
     * are not what bounds it. Expires by itself, so a call that returns early leaves nothing to undo.
     */
    public static void callBoundedFor(long millis) {
        if (millis <= 0 || Hooks.sink == null) {
            return;
        }
        HookState state = Hooks.state();
        long now = System.currentTimeMillis();
        long until = now + millis;
        if (state.boundedUntil <= now || until < state.boundedUntil) {
            state.boundedUntil = until;
        }
    }

    /** Runs when a method hooked for blocking returns or throws. */
    public static void blockingExit(int token) {
        if (token == 0) {
            return;
        }
        HookState state = Hooks.state();
        if ((token & ENCLOSES) != 0) {
            state.scopeDepth--;
        }
        int id = token >>> 1;
        if (id != 0) {
            Hooks.guarded(Hooks.BLOCKING_ENDED, Hooks.sink, state, null, null, null, null, null, id, 0);
        }
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
        long until = Hooks.deadline;
        if (until == 0) {
            return;
        }
        long now = System.currentTimeMillis();
        long remaining = until - now;
        AgentSinks target = Hooks.sink;
        if (timeoutMillis <= remaining || target == null) {
            return;
        }
        HookState state = Hooks.state();
        if (state.quiet() || state.bounded(now, until)) {
            return;
        }
        Hooks.guarded(Hooks.TIMEOUT_EXCEEDS_DEADLINE, target, state, operation, null, null, null, resource,
                timeoutMillis, remaining);
    }

    /**
     * Asks the sink about a call that may block. An enclosing call (HTTP) also opens a scope: the calls
     * it makes inside, its socket reads or the Future.get inside HttpClient.send, are part of it.
     */
    private static int blocking(String kind, String operation, String subject, String missing, Object resource,
            boolean encloses) {
        HookState state = Hooks.state();
        if (state.quiet() || state.bounded(System.currentTimeMillis(), Hooks.deadline)) {
            return 0;
        }
        int id = Hooks.guarded(Hooks.BLOCKING_STARTED, Hooks.sink, state, kind, operation, subject, missing,
                resource, 0, 0);
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
}
