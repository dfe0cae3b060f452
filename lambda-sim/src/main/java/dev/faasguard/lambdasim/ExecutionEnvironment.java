package dev.faasguard.lambdasim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One execution environment: one function JVM running the runtime interface client, its Runtime API server, its
 * output, and its {@code /tmp}. It serves invocations one at a time until it is killed (timeout) or dies (crash,
 * init error); then the simulator starts a new one, which is a cold start.
 */
final class ExecutionEnvironment implements AutoCloseable {
    private final int number;
    private final SimConfig config;
    private final Path tmpDir;
    private final RuntimeApiServer api;
    private final Process process;
    private final OutputCapture stdout;
    private final OutputCapture stderr;
    private final long startedNanos = System.nanoTime();
    private int served;
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
        this.api = new RuntimeApiServer(config.functionArn());
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

    /** Sends one event and waits until it is answered, the deadline passes, or the JVM dies. */
    InvocationResult invoke(int invocationNumber, byte[] event) {
        boolean cold = served++ == 0;
        // A cold start's output begins with the process (its init, as Lambda logs it before the first request):
        // a mark taken now would lose what a process that fails at once (a wrapper that cannot run) already wrote.
        int outMark = cold ? 0 : stdout.mark();
        int errMark = cold ? 0 : stderr.mark();
        String requestId = UUID.randomUUID().toString();
        PendingInvocation inv = new PendingInvocation(requestId, event, config.timeout().toMillis());
        long nextCallsBefore = api.nextCalls();
        api.submit(inv);

        Outcome outcome;
        byte[] body;
        String errorType;
        long endNanos;
        while (true) {
            PendingInvocation.Answer answer = poll(inv);
            if (answer != null) {
                outcome = answer.outcome();
                body = answer.body();
                errorType = answer.errorType();
                endNanos = answer.atNanos();
                break;
            }
            RuntimeApiServer.InitError initError = api.initError().getNow(null);
            if (initError != null) {
                outcome = Outcome.INIT_ERROR;
                body = initError.body();
                errorType = initError.errorType();
                endNanos = System.nanoTime();
                break;
            }
            if (!process.isAlive()) {
                // An answer or an init error may have raced with the exit: look once more.
                answer = inv.answered().getNow(null);
                if (answer != null || api.initError().isDone()) {
                    continue;
                }
                endNanos = System.nanoTime();
                outcome = Outcome.CRASH;
                errorType = "Runtime.ExitError";
                body = Json.error(errorType, "RequestId: " + requestId + " Error: Runtime exited with error: "
                        + exitDescription(process.exitValue())).getBytes(StandardCharsets.UTF_8);
                break;
            }
            long now = System.nanoTime();
            if (inv.isDelivered() && now - inv.deliveredNanos() >= config.timeout().toNanos()) {
                endNanos = now;
                outcome = Outcome.TIMEOUT;
                errorType = "Sandbox.Timedout";
                body = Json.error(errorType, "RequestId: " + requestId + " Error: Task timed out after "
                        + Units.seconds(config.timeout()) + " seconds").getBytes(StandardCharsets.UTF_8);
                break;
            }
            if (!inv.isDelivered() && now - inv.queuedNanos() >= initTimeoutNanos(cold)) {
                endNanos = now;
                outcome = Outcome.TIMEOUT;
                errorType = "Sandbox.Timedout";
                Duration limit = cold ? config.initTimeout() : config.timeout();
                body = Json.error(errorType, "RequestId: " + requestId + " Error: Task timed out after "
                        + Units.seconds(limit) + " seconds" + (cold ? " (initialization)" : ""))
                        .getBytes(StandardCharsets.UTF_8);
                break;
            }
        }
        if (outcome == Outcome.TIMEOUT || outcome == Outcome.CRASH || outcome == Outcome.INIT_ERROR) {
            broken = true;
            kill();
        } else {
            // The runtime logs (e.g. an exception's stack trace) after answering, then asks for the next event:
            // wait for that request so its output is attributed to this invocation. The call that took this event
            // was already counted (warm), or is the first one (cold). The wait ends with that request or with the
            // process; its bound must cover a first exception log on a busy machine (200 ms did not, on JDK 25
            // with two CPUs shared by the build).
            long until = System.nanoTime() + 1_000_000_000L;
            boolean asked;
            do {
                asked = api.awaitNextCallAfter(Math.max(nextCallsBefore, 1), 20);
            } while (!asked && process.isAlive() && System.nanoTime() < until);
        }
        boolean dead = !process.isAlive();
        stdout.settle(dead);
        stderr.settle(dead);

        long startNanos = inv.isDelivered() ? inv.deliveredNanos() : inv.queuedNanos();
        Duration duration = outcome == Outcome.TIMEOUT && inv.isDelivered()
                ? config.timeout() : Duration.ofNanos(Math.max(0, endNanos - startNanos));
        Duration init = !cold ? Duration.ZERO
                : Duration.ofNanos(Math.max(0, (inv.isDelivered() ? inv.deliveredNanos() : endNanos) - startedNanos));
        if (outcome != Outcome.SUCCESS) {
            // The runtime's header is a category (Runtime.UserException); the document names the exception.
            String documented = Json.topLevelString(new String(body, StandardCharsets.UTF_8), "errorType");
            errorType = documented != null ? documented : errorType;
        }
        return new InvocationResult(invocationNumber, requestId, cold, number, outcome, duration, init, body,
                outcome == Outcome.SUCCESS ? null : errorType, stdout.since(outMark), stderr.since(errMark), tmpDir,
                process.pid(), inv.traceHeader());
    }

    /** How long the runtime may take to ask for the event: the init timeout on a cold start, else the timeout. */
    private long initTimeoutNanos(boolean cold) {
        return (cold ? config.initTimeout() : config.timeout()).toNanos();
    }

    private static PendingInvocation.Answer poll(PendingInvocation inv) {
        try {
            return inv.answered().get(20, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the function", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Lambda's wording (Go's os/exec): {@code exit status 1}, {@code signal: killed}. */
    static String exitDescription(int exitValue) {
        if (exitValue > 128 && exitValue < 160) {
            return switch (exitValue - 128) {
                case 9 -> "signal: killed";
                case 6 -> "signal: aborted";
                case 11 -> "signal: segmentation fault";
                case 15 -> "signal: terminated";
                case 7 -> "signal: bus error";
                default -> "signal: " + (exitValue - 128);
            };
        }
        return "exit status " + exitValue;
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
