package dev.faasguard.agent.telemetry.otel;

/** A socket address as the JDK prints one: {@code host/10.0.0.1:443}, {@code /10.0.0.1:443} or {@code host:443}. */
record SocketAddress(String host, int port) {

    /** @return null when there is no host to tell */
    static SocketAddress parse(String printed) {
        String text = printed.trim();
        int colon = text.lastIndexOf(':');
        int port = -1;
        if (colon >= 0 && text.substring(colon + 1).matches("\\d{1,5}")) {
            port = Integer.parseInt(text.substring(colon + 1));
            text = text.substring(0, colon);
        }
        int slash = text.indexOf('/');
        String host = slash < 0 ? text : slash > 0 ? text.substring(0, slash) : text.substring(1);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return host.isEmpty() ? null : new SocketAddress(host, port);
    }
}
