package dev.faasguard.agent.rule;

import dev.faasguard.bootstrap.Operations;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The five {@code *-without-timeout} rules, one implementation and one row each ({@link Kind}): a call that may
 * wait forever, reported with what it waited on. The hooks fire only when the call would really block (the
 * thread is alive, the future not done, the latch not at zero, no timeout set); calls to the platform's own
 * Runtime API are exempt.
 */
public final class WithoutTimeoutRule implements Rule<BlockingCall> {

    /**
     * How long a library must wait on its own work (a thread it started, a future it made, a process it ran) before
     * that wait is a finding. The application cannot change such a wait, and a short one is the library's normal
     * coordination (Spring Boot joining its condition-evaluation thread at init, an environment probe, a driver
     * running {@code uname}). A second is a tenth or more of a typical 3 to 15 s function timeout, billed on every
     * invocation: from there it is worth the user's look. A wait still blocked at the deadline is reported then.
     */
    public static final long LIBRARY_WAIT_THRESHOLD_MILLIS = 1000;

    /** The table: each kind of call that may wait forever, as its rule describes and reports it. */
    public enum Kind {
        JOIN(Operations.JOIN, new RuleDescription("join-without-timeout", Severity.WARNING,
                "Thread.join() waits with no timeout for a thread that is still running.",
                "Join with a timeout below the time the invocation has left (thread.join(millis), or "
                + "thread.join(Duration) on JDK 19+), then check isAlive() and fail or cancel the work.",
                List.of("Thread.join")), JdkApi.THREADS, false, "thread", "Thread.join() on thread '%2$s' with no timeout"),
        CONNECT(Operations.CONNECT, new RuleDescription("connect-without-timeout", Severity.ERROR,
                "A socket connects with no timeout: Socket.connect(addr), new Socket(host, port), a blocking SocketChannel.",
                "Create the socket unconnected and call socket.connect(address, timeoutMillis), with a timeout "
                + "well below the invocation's remaining time; set the connect timeout of the client library you use.",
                List.of("Socket.connect", "SocketChannel.connect")), JdkApi.CONNECT, true, "address",
                "%1$s to %2$s with no timeout"),
        READ(Operations.READ, new RuleDescription("read-without-timeout", Severity.WARNING,
                "A socket is read with no read timeout (SO_TIMEOUT 0): a silent peer blocks it forever.",
                "Call socket.setSoTimeout(millis) before reading, or set the read/socket timeout of the client "
                + "library (JDBC socketTimeout, Redis timeout) below the invocation's remaining time.",
                List.of("Socket.read")), JdkApi.READ, true, "address",
                "Reading from socket %2$s with no read timeout (SO_TIMEOUT 0)"),
        HTTP(Operations.HTTP, new RuleDescription("http-without-timeout", Severity.ERROR,
                "An HTTP call is made with no connect timeout or no read/request timeout.",
                "HttpURLConnection: setConnectTimeout(ms) and setReadTimeout(ms). HttpClient: "
                + "HttpClient.newBuilder().connectTimeout(...) and HttpRequest.newBuilder().timeout(...). Keep both "
                + "below the time the invocation has left.",
                List.of("HttpURLConnection", "HttpClient.send", "HttpClient.sendAsync")), JdkApi.HTTP, true, "url",
                "%1$s %2$s with no %3$s"),
        WAIT(Operations.WAIT, new RuleDescription("wait-without-timeout", Severity.WARNING,
                "A future, latch, barrier or process is waited for with no timeout.",
                "Use the timed form: future.get(timeout, unit) or completableFuture.orTimeout(...).join(), "
                + "latch.await(timeout, unit), barrier.await(timeout, unit), process.waitFor(timeout, unit); "
                + "then cancel or destroy what did not finish.",
                List.of("Future.get", "CompletableFuture.join", "CountDownLatch.await", "CyclicBarrier.await",
                        "Process.waitFor")), JdkApi.WAITS, false, "waitingOn", "%1$s() with no timeout on %2$s");

        private final String operationKind;
        private final RuleDescription description;
        private final List<String> api;
        private final boolean network;
        private final String subjectKey;
        /** {@code %1$s} the operation, {@code %2$s} what it waits on, {@code %3$s} the timeouts missing. */
        private final String message;

        Kind(String operationKind, RuleDescription description, List<String> api, boolean network, String subjectKey,
                String message) {
            this.operationKind = operationKind;
            this.description = description;
            this.api = api;
            this.network = network;
            this.subjectKey = subjectKey;
            this.message = message;
        }

        public RuleDescription description() {
            return description;
        }

        private static final Kind[] ALL = values();

        /** The kind a hook reported, by the name {@code Operations} gives it. */
        public static Kind of(String operationKind) {
            for (Kind kind : ALL) {
                if (kind.operationKind.equals(operationKind)) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("no blocking call kind " + operationKind);
        }
    }

    private final Kind kind;
    private final RuntimeApiAddress runtimeApi;

    public WithoutTimeoutRule(Kind kind, RuntimeApiAddress runtimeApi) {
        this.kind = kind;
        this.runtimeApi = runtimeApi;
    }

    @Override
    public RuleDescription description() {
        return kind.description;
    }

    @Override
    public Optional<Violation> evaluate(BlockingCall call) {
        return applies(call) ? Optional.of(violation(call)) : Optional.empty();
    }

    /**
     * Whether the call breaks the rule. Apart from {@link #violation}, which builds what the finding says: a call
     * repeated at a known call site is counted without it.
     * An HTTP call with both its timeouts reports nothing missing: nothing to find.
     */
    public boolean applies(BlockingCall call) {
        return !(kind.network && runtimeApi.matches(call.subject()) || kind == Kind.HTTP && call.missing() == null);
    }

    /** What the finding of a call that {@link #applies breaks the rule} says. */
    public Violation violation(BlockingCall call) {
        String subject = kind == Kind.HTTP ? redact(call.subject()) : call.subject();
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("operation", call.operation());
        detail.put(kind.subjectKey, subject);
        List<String> missing = call.missing() == null ? List.of() : List.of(call.missing().split(","));
        if (!missing.isEmpty()) {
            detail.put("missing", missing);
        }
        String text = String.format(kind.message, call.operation(), subject, String.join(" and no ", missing));
        return new Violation(kind.description, text + ": " + call.phase().hang(), detail);
    }

    /**
     * Whether code outside the JDK (the application or a library) made this call, through the API the rule is
     * about ({@link JdkApi}), rather than the JDK on its own behalf.
     *
     * @param jdkCallers the JDK classes between the hook and the first frame outside the JDK
     * @param outsideJdk whether a frame outside the JDK was found at all
     */
    public boolean calledThroughApi(List<String> jdkCallers, boolean outsideJdk) {
        return JdkApi.calledThroughApi(jdkCallers, outsideJdk, kind.api);
    }

    /**
     * Whether the call goes over the network: the Runtime API exemption applies, and a client library that makes
     * it does so with the timeouts the application configured it with.
     */
    public boolean talksToNetwork() {
        return kind.network;
    }

    /** Scheme, host, port and path: no credentials, no query string, no fragment. */
    static String redact(String url) {
        try {
            URI uri = URI.create(url);
            if (uri.getHost() == null) {
                return "(unparsable URL)";
            }
            StringBuilder redacted = new StringBuilder(uri.getScheme()).append("://").append(uri.getHost());
            if (uri.getPort() >= 0) {
                redacted.append(':').append(uri.getPort());
            }
            return redacted.append(uri.getRawPath() == null ? "" : uri.getRawPath()).toString();
        } catch (IllegalArgumentException notAUri) {
            return "(unparsable URL)";
        }
    }
}
