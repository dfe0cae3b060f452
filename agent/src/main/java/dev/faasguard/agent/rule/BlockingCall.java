package dev.faasguard.agent.rule;

/**
 * A call that may wait forever, as a hook saw it.
 *
 * @param kind what kind of call: one of the blocking kinds of {@code dev.faasguard.bootstrap.Operations}
 * @param operation what the application called, e.g. {@code Thread.join}
 * @param subject what it waits on: a thread name, {@code host:port}, a URL
 * @param missing the timeouts not set, comma-separated (HTTP only), else null
 * @param phase whether it happens during init or an invocation, for what the message says
 */
public record BlockingCall(String kind, String operation, String subject, String missing, Phase phase) {}
