package dev.faasguard.agent.rule;

/**
 * A call that may wait forever, as a hook saw it.
 *
 * @param operation what the application called, e.g. {@code Thread.join}
 * @param subject what it waits on: a thread name, {@code host:port}, a URL
 * @param missing the timeouts not set, comma-separated (HTTP only), else null
 */
public record BlockingCall(String operation, String subject, String missing) {}
