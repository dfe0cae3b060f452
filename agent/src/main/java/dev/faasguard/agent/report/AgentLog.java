package dev.faasguard.agent.report;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.ConsoleAppender;
import dev.faasguard.bootstrap.Hooks;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The agent's log on stderr, through a Logback {@link LoggerContext} of its own: it reads no
 * logback.xml and never touches the application's logging.
 *
 * <p>Logback is loaded on the first message, on the agent's reporter thread, so an application that
 * breaks no rule never pays for it, and an application thread that does never waits for it.
 */
public final class AgentLog {

    private static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level [FaaSGuard] %msg%n";

    private final ThreadPoolExecutor reporter = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(), AgentLog::reporterThread);
    private Logger logger;

    public void warn(String message) {
        submit(Level.WARN, message);
    }

    public void error(String message) {
        submit(Level.ERROR, message);
    }

    private void submit(Level level, String message) {
        try {
            reporter.execute(() -> {
                if (level == Level.ERROR) {
                    logger().error(message);
                } else {
                    logger().warn(message);
                }
            });
        } catch (RuntimeException shutDown) {
            // The JVM is going down and the reporter with it: the report on disk still holds the finding.
        }
    }

    /** Waits until every message submitted so far is printed, at most {@code timeout}. */
    public void flush(Duration timeout) {
        reporter.shutdown();
        try {
            reporter.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs on the reporter thread only. */
    private Logger logger() {
        if (logger == null) {
            LoggerContext context = new LoggerContext();
            context.setName("faasguard");
            context.setMDCAdapter(new LogbackMDCAdapter());
            PatternLayoutEncoder encoder = new PatternLayoutEncoder();
            encoder.setContext(context);
            encoder.setPattern(PATTERN);
            encoder.start();
            ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
            console.setContext(context);
            console.setName("stderr");
            console.setTarget("System.err");
            console.setEncoder(encoder);
            console.start();
            Logger agentLogger = context.getLogger("faasguard");
            agentLogger.setAdditive(false);
            agentLogger.setLevel(Level.INFO);
            agentLogger.addAppender(console);
            context.start();
            logger = agentLogger;
        }
        return logger;
    }

    private static Thread reporterThread(Runnable work) {
        Thread thread = new Thread(() -> {
            Hooks.markAgentThread();
            work.run();
        }, "faasguard-reporter");
        thread.setDaemon(true);
        return thread;
    }
}
