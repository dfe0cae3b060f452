package dev.faasguard.agent.support;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.ConsoleAppender;

/**
 * A Logback {@link LoggerContext} of the agent's own, printing to stderr: it reads no logback.xml and
 * never touches the application's logging. Only {@link AgentLog}'s reporter thread creates one.
 */
final class LogbackConsole {

    private static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level [FaaSGuard] %msg%n";

    private final Logger logger;

    LogbackConsole() {
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
        logger = context.getLogger("faasguard");
        logger.setAdditive(false);
        logger.setLevel(Level.INFO);
        logger.addAppender(console);
        context.start();
    }

    void print(boolean error, String message) {
        if (error) {
            logger.error(message);
        } else {
            logger.warn(message);
        }
    }
}
