package dev.faasguard.agent.telemetry;

import dev.faasguard.agent.finding.Finding;
import dev.faasguard.agent.finding.FindingListener;
import dev.faasguard.agent.invocation.InvocationEnd;
import dev.faasguard.agent.invocation.InvocationStart;
import dev.faasguard.agent.support.AgentLog;
import dev.faasguard.agent.support.AgentThreads;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Hands what the application's threads tell to one agent thread, which builds the OpenTelemetry SDK
 * (a few hundred milliseconds of class loading that must not delay {@code main}) and then turns each
 * event into spans and metrics. Application threads only ever enqueue; flush and shutdown wait for
 * that thread, never longer than their bound.
 */
public final class TelemetryPipeline implements Telemetry, FindingListener {

    /** Builds the real telemetry on the pipeline's thread; may throw when the user's settings are bad. */
    public interface Factory {
        Telemetry create();
    }

    private static final int CAPACITY = 4096;

    private final BlockingQueue<Event> queue = new ArrayBlockingQueue<>(CAPACITY);
    /** The invocation each call site last had a span in: other rules get one span per site and invocation. */
    private final ConcurrentHashMap<Finding.Key, String> spannedIn = new ConcurrentHashMap<>();
    private final ExportStatus status;
    private final AgentLog log;
    private volatile boolean told;
    private volatile CountDownLatch pendingFlush;

    private TelemetryPipeline(ExportStatus status, AgentLog log) {
        this.status = status;
        this.log = log;
    }

    /** Starts the pipeline's thread, which builds the SDK right away. */
    public static TelemetryPipeline start(Factory factory, ExportStatus status, AgentLog log) {
        TelemetryPipeline pipeline = new TelemetryPipeline(status, log);
        new AgentThreads("faasguard-telemetry").newThread(pipeline.new Worker(factory)).start();
        return pipeline;
    }

    @Override
    public void invocationStarted(InvocationStart start) {
        offer(new Event(Kind.STARTED, start, null));
    }

    @Override
    public void invocationEnded(InvocationEnd end) {
        offer(new Event(Kind.ENDED, end, null));
    }

    /**
     * A blocking call is a span at each occurrence; any other finding only at its first occurrence in
     * each invocation, so a line writing in a loop is one span, not thousands.
     */
    @Override
    public void findingOccurred(Finding finding) {
        if (!Blocking.isBlocking(finding)) {
            String invocation = finding.invocation() == null ? "" : finding.invocation();
            if (invocation.equals(spannedIn.get(finding.key())) || invocation.equals(spannedIn.put(finding.key(), invocation))) {
                return;
            }
        }
        offer(new Event(Kind.FINDING, finding, null));
    }

    /** In order with the rest: the flush that follows is the one before the snapshot. */
    @Override
    public void snapshotTaking() {
        offer(new Event(Kind.SNAPSHOT, null, null));
    }

    @Override
    public void restored() {
        offer(new Event(Kind.RESTORED, null, null));
    }

    @Override
    public void everyOccurrence(Finding finding) {
        findingOccurred(finding);
    }

    /**
     * Waits for everything told so far to be exported, at most {@code boundMillis}. While an earlier flush
     * is still stuck on a slow or unreachable collector, returns at once instead of waiting again.
     */
    @Override
    public void flush(long boundMillis) {
        CountDownLatch pending = pendingFlush;
        if (pending != null && pending.getCount() > 0) {
            return;
        }
        CountDownLatch done = new CountDownLatch(1);
        pendingFlush = done;
        if (offer(new Event(Kind.FLUSH, boundMillis, done))) {
            await(done, boundMillis);
        }
    }

    /** With nothing ever told there is nothing to export: the exit does not wait for the SDK to be built. */
    @Override
    public void shutdown(long boundMillis) {
        CountDownLatch done = new CountDownLatch(1);
        if (offer(new Event(Kind.SHUTDOWN, boundMillis, done)) && told) {
            await(done, boundMillis);
        }
    }

    private boolean offer(Event event) {
        if (event.kind != Kind.FLUSH && event.kind != Kind.SHUTDOWN) {
            told = true;
        }
        if (queue.offer(event)) {
            return true;
        }
        if (status.eventDropped()) {
            log.warn("OpenTelemetry export cannot keep up; spans are dropped and counted in the report (telemetry.droppedEvents)");
        }
        return false;
    }

    private static void await(CountDownLatch done, long boundMillis) {
        try {
            done.await(boundMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private enum Kind { STARTED, ENDED, FINDING, FLUSH, SHUTDOWN, SNAPSHOT, RESTORED }

    private record Event(Kind kind, Object subject, CountDownLatch done) {}

    /** The pipeline's thread: builds the SDK, then applies each event in order. */
    private final class Worker implements Runnable {
        private final Factory factory;

        Worker(Factory factory) {
            this.factory = factory;
        }

        @Override
        public void run() {
            Telemetry telemetry;
            try {
                telemetry = factory.create();
            } catch (RuntimeException | LinkageError failure) {
                log.error("OpenTelemetry export is off: " + failure.getMessage());
                telemetry = OFF;
            }
            if (queue.isEmpty()) {
                telemetry.warmUp();
            }
            while (true) {
                Event event;
                try {
                    event = queue.take();
                } catch (InterruptedException interrupted) {
                    return;
                }
                if (!apply(telemetry, event)) {
                    return;
                }
            }
        }

        /** @return false once shut down */
        private boolean apply(Telemetry telemetry, Event event) {
            try {
                switch (event.kind) {
                    case STARTED -> telemetry.invocationStarted((InvocationStart) event.subject);
                    case ENDED -> telemetry.invocationEnded((InvocationEnd) event.subject);
                    case FINDING -> telemetry.findingOccurred((Finding) event.subject);
                    case FLUSH -> telemetry.flush((Long) event.subject);
                    case SHUTDOWN -> telemetry.shutdown((Long) event.subject);
                    case SNAPSHOT -> telemetry.snapshotTaking();
                    case RESTORED -> telemetry.restored();
                }
            } catch (RuntimeException | LinkageError failure) {
                log.error("OpenTelemetry export failed on " + event.kind.name().toLowerCase(java.util.Locale.ROOT)
                        + " and goes on: " + failure);
            } finally {
                if (event.done != null) {
                    event.done.countDown();
                }
            }
            return event.kind != Kind.SHUTDOWN;
        }
    }
}
