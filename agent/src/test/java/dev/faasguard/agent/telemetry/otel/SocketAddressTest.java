package dev.faasguard.agent.telemetry.otel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class SocketAddressTest {

    @Test
    void readsTheWaysTheJdkPrintsAnAddress() {
        assertEquals(new SocketAddress("db.internal", 5432), SocketAddress.parse("db.internal/10.0.0.7:5432"));
        assertEquals(new SocketAddress("10.0.0.7", 443), SocketAddress.parse("/10.0.0.7:443"));
        assertEquals(new SocketAddress("example.com", 80), SocketAddress.parse("example.com:80"));
        assertEquals(new SocketAddress("::1", 8080), SocketAddress.parse("/[::1]:8080"));
        assertEquals(new SocketAddress("localhost", 8080), SocketAddress.parse("localhost/[0:0:0:0:0:0:0:1]:8080"));
        assertNull(SocketAddress.parse(":80"));
    }
}
