package dev.faasguard.agent.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class SnapshotRulesTest {

    @Test
    void randomAcrossSnapshotNamesTheGeneratorAndItsFirstUseAfterTheRestore() {
        Violation violation = new RandomAcrossSnapshotRule().evaluate(new RandomAcrossSnapshotRule.Reuse(
                "java.util.Random", "com.example.Fn.handleRequest(Fn.java:31)")).orElseThrow();
        assertEquals("java.util.Random", violation.detail().get("generator"));
        assertEquals("com.example.Fn.handleRequest(Fn.java:31)", violation.detail().get("usedAfterRestoreAt"));
        assertTrue(violation.message().contains("used after the restore at com.example.Fn.handleRequest(Fn.java:31)"),
                violation.message());
        assertEquals(Severity.WARNING, violation.rule().severity());
    }

    @Test
    void connectionAcrossSnapshotNamesTheRemoteAddress() {
        Violation violation = new ConnectionAcrossSnapshotRule(RuntimeApiAddress.parse("127.0.0.1:9001"))
                .evaluate(new ConnectionAcrossSnapshotRule.OpenAtCheckpoint("Socket", "db.internal:5432"))
                .orElseThrow();
        assertEquals("db.internal:5432", violation.detail().get("remote"));
        assertEquals("Socket", violation.detail().get("connection"));
        assertTrue(violation.message().contains("connected to db.internal:5432 during init"), violation.message());
    }

    @Test
    void connectionAcrossSnapshotIsQuietOnTheRuntimeClientsOwnConnection() {
        assertEquals(Optional.empty(), new ConnectionAcrossSnapshotRule(RuntimeApiAddress.parse("127.0.0.1:9001"))
                .evaluate(new ConnectionAcrossSnapshotRule.OpenAtCheckpoint("Socket", "localhost:9001")));
    }
}
