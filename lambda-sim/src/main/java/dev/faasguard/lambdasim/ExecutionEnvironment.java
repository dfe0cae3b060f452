package dev.faasguard.lambdasim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * One execution environment: one function JVM running the runtime interface client, its Runtime API server, its
 * output, and its {@code /tmp}. It serves invocations until it is killed (timeout) or dies (crash, init error);
 * then the simulator starts a new one, which is a cold start. One at a time by default; under
 * {@code maxConcurrency} several at once, and a timeout neither kills nor stops anything.
 */
final class ExecutionEnvironment implements AutoCloseable {
    /** An invocation under way, and where its output begins. */
    private static final class Started {
        final int index;
        final int number;
        final PendingInvocation inv;
        final boolean cold;
        final long nextCallsBefore;
        volatile int outMark;
        volatile int errMark;

        Started(int index, int number, PendingInvocation inv, boolean cold, long nextCallsBefore) {
            this.index = index;
            this.number = number;
            this.inv = inv;
            this.cold = cold;
            this.nextCallsBefore = nextCallsBefore;
        }
    }

    private final int number;
    private final SimConfig config;
    private final Path tmpDir;
    private final RuntimeApiServer api;
    private final Process process;
    private final OutputCapture stdout;
    private final OutputCapture stderr;
    private final Endings endings;
    private final long startedNanos = System.nanoTime();
    private final List<PendingInvocation> submitted = new ArrayList<>();
    private long firstQueuedNanos;
    private boolean broken;

    /**
     * Starts the JVM. {@code tmpDir} is the host directory that is the function's /tmp (a fresh tmpfs when
     * {@code sandboxed}, otherwise the host's /tmp).
     */
    ExecutionEnvironment(int number, SimConfig config, Workspace workspace, Path tmpDir, boolean sandboxed)
            throws IOException {
        this.number = number;
        this.config = config;
        this.tmpDir = tmpDir;
        this.api = new RuntimeApiServer(config.invokedFunctionArn(), config.snapshotAge());
        List<String> command = FunctionCommand.command(config, workspace, sandboxed ? null : workspace.jniLibrary());
        if (sandboxed) {
            command = Sandbox.wrap(tmpDir, workspace.optDir(), command);
        }
        ProcessBuilder pb = new ProcessBuilder(command).directory(workspace.taskDir().toFile());
        pb.environment().clear();
        pb.environment().putAll(FunctionCommand.environment(config, workspace, api.port()));
        try {
            process = pb.start();
        } catch (IOException e) {
            api.close();
            throw e;
        }
        process.getOutputStream().close();
        stdout = new OutputCapture(process.getInputStream(), "stdout-" + number);
        stderr = new OutputCapture(process.getErrorStream(), "stderr-" + number);
        endings = new Endings(config, api, process);
    }

    int number() {
        return number;
    }

    Path tmpDir() {
        return tmpDir;
    }

    long pid() {
        return process.pid();
    }

    /** Whether it can take another invocation: alive and never timed out, crashed or failed to initialize. */
    boolean usable() {
        return !broken && process.isAlive();
    }

    /** Request ids of the events the runtime received and has not answered: the runtime threads still on them. */
    List<String> running() {
        if (!process.isAlive()) {
            return List.of();
        }
        return submitted.stream().filter(PendingInvocation::running).map(PendingInvocation::requestId).toList();
    }

    /**
     * Queues the events (numbered from {@code firstNumber}) at once and waits until each has ended, telling
     * {@code ended} about each as it does; the results in the events' order. One at a time, the runtime takes
     * them one after the other; under {@code maxConcurrency} its threads take them as they come free.
     */
    List<InvocationResult> invoke(int firstNumber, List<byte[]> events, Consumer<InvocationResult> ended) {
        List<Started> open = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            open.add(start(i, firstNumber + i, events.get(i)));
        }
        InvocationResult[] results = new InvocationResult[events.size()];
        while (!open.isEmpty()) {
            // Decide every ending against one state of the process before killing it, so that all invocations a
            // kill ends are told why, not taken for crashes.
            long now = System.nanoTime();
            Map<Started, Endings.Ending> ends = new LinkedHashMap<>();
            for (Started s : open) {
                Endings.Ending end = endings.of(s.inv, now, firstQueuedNanos);
                if (end != null && (end.outcome() != Outcome.THROTTLED || api.withdraw(s.inv))) {
                    ends.put(s, end);
                }
            }
            if (ends.values().stream().anyMatch(Endings.Ending::fatal)) {
                broken = true;
                kill();
            }
            for (Iterator<Started> it = open.iterator(); it.hasNext(); ) {
                Started s = it.next();
                Endings.Ending end = ends.get(s);
                if (end != null) {
                    it.remove();
                    results[s.index] = result(s, end);
                    ended.accept(results[s.index]);
                }
            }
            if (!open.isEmpty()) {
                awaitAnswer(open.get(0).inv);
            }
        }
        return List.of(results);
    }

    private Started start(int index, int invocationNumber, byte[] event) {
        boolean cold = submitted.isEmpty();
        PendingInvocation inv = new PendingInvocation(UUID.randomUUID().toString(), event, config.timeout().toMillis());
        Started s = new Started(index, invocationNumber, inv, cold, api.nextCalls());
        // A cold start's output begins with the process (its init, as Lambda logs it before the first request):
        // a mark taken now would lose what a process that fails at once (a wrapper that cannot run) already wrote.
        if (cold) {
            firstQueuedNanos = inv.queuedNanos();
        } else {
            markOutput(s);
            if (config.concurrent()) {
                // Queued events wait for a free runtime thread while the others write: theirs begins when taken.
                inv.whenDelivered(() -> markOutput(s));
            }
        }
        submitted.add(inv);
        api.submit(inv);
        return s;
    }

    private void markOutput(Started s) {
        s.outMark = stdout.mark();
        s.errMark = stderr.mark();
    }

    private InvocationResult result(Started s, Endings.Ending end) {
        PendingInvocation inv = s.inv;
        if (!end.fatal() && !config.concurrent()) {
            awaitRuntimeBack(s.nextCallsBefore);
        }
        boolean dead = !process.isAlive();
        stdout.settle(dead);
        stderr.settle(dead);

        long startNanos = inv.isDelivered() ? inv.deliveredNanos() : inv.queuedNanos();
        Duration duration = end.outcome() == Outcome.TIMEOUT && inv.isDelivered()
                ? config.timeout() : Duration.ofNanos(Math.max(0, end.atNanos() - startNanos));
        RuntimeApiServer.Checkpoint checkpoint = api.checkpoint().getNow(null);
        long initEnd = checkpoint != null ? checkpoint.atNanos() : inv.isDelivered() ? inv.deliveredNanos() : end.atNanos();
        Duration init = s.cold ? Duration.ofNanos(Math.max(0, initEnd - startedNanos)) : Duration.ZERO;
        String errorType = end.errorType();
        if (end.outcome() != Outcome.SUCCESS) {
            // The runtime's header is a category (Runtime.UserException); the document names the exception.
            String documented = Json.topLevelString(new String(end.body(), StandardCharsets.UTF_8), "errorType");
            errorType = documented != null ? documented : errorType;
        }
        return new InvocationResult(s.number, inv.requestId(), s.cold, number, end.outcome(), duration, init,
                end.body(), end.outcome() == Outcome.SUCCESS ? null : errorType, stdout.since(s.outMark),
                stderr.since(s.errMark), tmpDir, process.pid(), inv.traceHeader(),
                s.cold ? restore(checkpoint, end) : null, inv.connection());
    }

    /** The checkpoint and restore before the environment's first invocation, or null when there was none. */
    private Restore restore(RuntimeApiServer.Checkpoint checkpoint, Endings.Ending end) {
        Long restoredAt = api.restored().getNow(null);
        if (checkpoint == null || restoredAt == null) {
            return null;
        }
        long ready = api.firstNext().isDone() ? api.firstNext().join() : end.atNanos();
        return new Restore(checkpoint.at(), Duration.ofNanos(restoredAt - checkpoint.atNanos()),
                Duration.ofNanos(Math.max(0, ready - restoredAt)));
    }

    /**
     * The runtime logs (e.g. an exception's stack trace) after answering, then asks for the next event: waits for
     * that request so its output is attributed to the invocation. The call that took the event was already counted
     * (warm), or is the first one (cold). The wait ends with that request or with the process; its bound must cover
     * a first exception log on a busy machine (200 ms did not, on JDK 25 with two CPUs shared by the build).
     */
    private void awaitRuntimeBack(long nextCallsBefore) {
        long until = System.nanoTime() + 1_000_000_000L;
        boolean asked;
        do {
            asked = api.awaitNextCallAfter(Math.max(nextCallsBefore, 1), 20);
        } while (!asked && process.isAlive() && System.nanoTime() < until);
    }

    private static void awaitAnswer(PendingInvocation inv) {
        try {
            inv.answered().get(20, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // checked again by the caller
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the function", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** SIGKILL to the JVM and anything it started. */
    void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
        api.close();
    }
}
