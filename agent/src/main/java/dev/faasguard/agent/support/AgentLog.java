package dev.faasguard.agent.support;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The agent's log on stderr. Messages are handed to the agent's own reporter thread, started with the
 * first one, which loads Logback ({@link LogbackConsole}): an application that breaks no rule never
 * pays for either, and an application thread that does never waits for them. As a {@link Consumer}
 * it takes warnings.
 */
public final class AgentLog implements Consumer<String> {

    /** Made at the first message, so that the executor's classes and thread cost nothing until then. */
    private ThreadPoolExecutor reporter;
    private boolean closed;
    private LogbackConsole console;
    /** Messages handed to the reporter, and those it has printed: equal when there is nothing to wait for. */
    private final AtomicLong submitted = new AtomicLong();
    private final AtomicLong printed = new AtomicLong();

    /**
     * A one-line warning. Whatever the message holds (a path, a URL, a thread name, an exception's message), it
     * stays one line: its control characters are escaped ({@link LogText}) and its URL secrets masked
     * ({@link Secrets}).
     */
    public void warn(String message) {
        submit(false, message, List.of());
    }

    /**
     * A warning of several lines: its headline, then each of {@code more} on a line of its own, indented. The
     * breaks between them are the only ones the record has; each line is escaped and masked as a message is.
     */
    public void warn(String headline, List<String> more) {
        submit(false, headline, more);
    }

    /** A one-line error, escaped and masked as a warning is. */
    public void error(String message) {
        submit(true, message, List.of());
    }

    @Override
    public void accept(String warning) {
        warn(warning);
    }

    /** Waits, at most {@code timeout}, until every message submitted so far is printed; the log stays open. */
    public void drain(Duration timeout) {
        if (printed.get() == submitted.get()) {
            // The common case after an invocation: nothing was logged, and no thread need be woken.
            return;
        }
        ThreadPoolExecutor reporter = started();
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        try {
            reporter.execute(new Runnable() {
                @Override
                public void run() {
                    done.countDown();
                }
            });
            done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RuntimeException shutDown) {
            // Already closed at exit: nothing more will be printed anyway.
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until every message submitted so far is printed, at most {@code timeout}, and closes the log. */
    public void flush(Duration timeout) {
        ThreadPoolExecutor reporter;
        synchronized (this) {
            closed = true;
            reporter = this.reporter;
        }
        if (reporter == null) {
            return;
        }
        reporter.shutdown();
        try {
            reporter.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void submit(boolean error, String message, List<String> more) {
        ThreadPoolExecutor reporter = startedOnDemand();
        if (reporter == null) {
            return; // Closed at exit before anything was printed: the report on disk still holds the finding.
        }
        try {
            submitted.incrementAndGet();
            reporter.execute(new Message(error, message, more));
        } catch (RuntimeException shutDown) {
            // The JVM is going down and the reporter with it: the report on disk still holds the finding.
        }
    }

    /** The reporter, started now if this is the first message; null once the log is closed. */
    private synchronized ThreadPoolExecutor startedOnDemand() {
        if (reporter == null && !closed) {
            reporter = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                    new AgentThreads("faasguard-reporter"));
        }
        return reporter;
    }

    /** The reporter, or null while nothing was ever submitted. */
    private synchronized ThreadPoolExecutor started() {
        return reporter;
    }

    /** Runs on the reporter thread only: the escaping and masking cost the application's threads nothing. */
    private final class Message implements Runnable {
        private final boolean error;
        private final String headline;
        private final List<String> more;

        Message(boolean error, String headline, List<String> more) {
            this.error = error;
            this.headline = headline;
            this.more = more;
        }

        @Override
        public void run() {
            if (console == null) {
                console = new LogbackConsole();
            }
            try {
                console.print(error, text());
            } finally {
                printed.incrementAndGet();
            }
        }

        private String text() {
            StringBuilder text = new StringBuilder(safe(headline));
            for (String line : more) {
                text.append("\n    ").append(safe(line));
            }
            return text.toString();
        }

        private String safe(String data) {
            return LogText.escape(Secrets.mask(data));
        }
    }
}
