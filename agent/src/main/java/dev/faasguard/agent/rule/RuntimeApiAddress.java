package dev.faasguard.agent.rule;

import java.net.URI;

/**
 * The address of the platform's own Runtime API ({@code AWS_LAMBDA_RUNTIME_API}, {@code host:port}).
 * The runtime client's long poll on {@code /next} is meant to wait, so calls to it are never findings.
 */
public final class RuntimeApiAddress {

    public static final RuntimeApiAddress NONE = new RuntimeApiAddress(null, -1);

    private final String host;
    private final int port;

    private RuntimeApiAddress(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /** From the variable's value; anything that is not {@code host:port} means there is none. */
    public static RuntimeApiAddress parse(String hostAndPort) {
        if (hostAndPort == null || hostAndPort.isBlank()) {
            return NONE;
        }
        try {
            URI uri = URI.create("http://" + hostAndPort.trim());
            return uri.getHost() == null || uri.getPort() < 0 ? NONE : new RuntimeApiAddress(uri.getHost(), uri.getPort());
        } catch (IllegalArgumentException notAnAddress) {
            return NONE;
        }
    }

    /** True when {@code subject} ({@code host:port} or a URL) is this address; loopback names match each other. */
    public boolean matches(String subject) {
        if (host == null || subject == null) {
            return false;
        }
        try {
            URI uri = URI.create(subject.contains("://") ? subject : "http://" + subject);
            int subjectPort = uri.getPort() >= 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
            return subjectPort == port && sameHost(uri.getHost());
        } catch (IllegalArgumentException notAnAddress) {
            return false;
        }
    }

    private boolean sameHost(String other) {
        return host.equalsIgnoreCase(other) || isLoopback(host) && isLoopback(other);
    }

    private static boolean isLoopback(String name) {
        return name != null && (name.equalsIgnoreCase("localhost") || name.startsWith("127.") || name.equals("[::1]")
                || name.equals("::1"));
    }
}
