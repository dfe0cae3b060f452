package dev.faasguard.lambdasim;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class UnitsAndJsonTest {

    @Test
    void durations() {
        assertEquals(Duration.ofSeconds(3), Units.parseDuration("3s"));
        assertEquals(Duration.ofSeconds(3), Units.parseDuration("3"));
        assertEquals(Duration.ofMillis(500), Units.parseDuration("500ms"));
        assertEquals(Duration.ofMillis(1500), Units.parseDuration("1.5s"));
        assertEquals(Duration.ofMinutes(2), Units.parseDuration("2m"));
        assertThrows(IllegalArgumentException.class, () -> Units.parseDuration("soon"));
        assertThrows(IllegalArgumentException.class, () -> Units.parseDuration("0s"));
        assertEquals("3.00", Units.seconds(Duration.ofSeconds(3)));
        assertEquals("0.25", Units.seconds(Duration.ofMillis(250)));
    }

    @Test
    void sizes() {
        assertEquals("64m", Units.checkSize("64M"));
        assertEquals(64L << 20, Units.sizeBytes("64m"));
        assertEquals(1L << 30, Units.sizeBytes("1g"));
        assertThrows(IllegalArgumentException.class, () -> Units.checkSize("64mb"));
        assertThrows(IllegalArgumentException.class, () -> Units.checkSize("0"));
        assertThrows(IllegalArgumentException.class, () -> Units.checkSize("1m,uid=0"));
    }

    @Test
    void errorDocuments() {
        String doc = Json.error("Runtime.ExitError", "RequestId: x Error: \"quoted\"\n");
        assertEquals("{\"errorType\":\"Runtime.ExitError\",\"errorMessage\":\"RequestId: x Error: \\\"quoted\\\"\\n\"}", doc);
        assertEquals("Runtime.ExitError", Json.topLevelString(doc, "errorType"));
        assertEquals("RequestId: x Error: \"quoted\"\n", Json.topLevelString(doc, "errorMessage"));
    }

    @Test
    void topLevelStringSkipsNestedValues() {
        String doc = "{ \"errorMessage\" : \"boom\", \"cause\": {\"errorType\":\"inner\"}, \"stackTrace\":[\"a\",\"b]\"],"
                + " \"n\": 1.5e3, \"ok\": true, \"errorType\": \"java.lang.IllegalStateException\" }";
        assertEquals("java.lang.IllegalStateException", Json.topLevelString(doc, "errorType"));
        assertNull(Json.topLevelString(doc, "missing"));
        assertNull(Json.topLevelString("not json", "errorType"));
        assertNull(Json.topLevelString("{\"errorType\": 3}", "errorType"));
        assertEquals("é", Json.topLevelString("{\"a\":\"\\u00e9\"}", "a"));
    }

    @Test
    void exitDescriptionsAreLambdas() {
        assertEquals("exit status 1", Endings.exitDescription(1));
        assertEquals("signal: killed", Endings.exitDescription(137));
        assertEquals("signal: segmentation fault", Endings.exitDescription(139));
        assertEquals("signal: aborted", Endings.exitDescription(134));
    }
}
