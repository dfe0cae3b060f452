package dev.faasguard.agent.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonWriterTest {

    @Test
    void writesNestedValuesAndEscapesStrings() {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("text", "a \"quoted\" \\ path\nnext\u0001");
        document.put("count", 32000L);
        document.put("ok", true);
        document.put("none", null);
        document.put("list", Arrays.asList(1, "two", null));
        document.put("ratio", Double.NaN);
        assertEquals("{\"text\":\"a \\\"quoted\\\" \\\\ path\\nnext\\u0001\",\"count\":32000,\"ok\":true,"
                + "\"none\":null,\"list\":[1,\"two\",null],\"ratio\":null}", new JsonWriter().toJson(document));
    }

    @Test
    void everyControlCharacterIsEscapedAndALoneSurrogateCannotBreakTheUtf8OfTheReport() {
        assertEquals("\"evil\\nINJECTED\\u001b[31m\\u007f\\u0085\\u2028 lone-\\ufffd-\\ufffd pair-\ud83d\ude00\"",
                new JsonWriter().toJson("evil\nINJECTED\u001b[31m\u007f\u0085\u2028 lone-\ud800-\udc00 pair-\ud83d\ude00"));
    }

    @Test
    void emptyContainers() {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("a", List.of());
        document.put("b", Map.of());
        assertEquals("{\"a\":[],\"b\":{}}", new JsonWriter().toJson(document));
    }

    @Test
    void anUnmodifiableEntryMetAgainIsCopiedFromTheLastReportNotSerializedAgain() {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", "r1");
        Map<String, Object> finished = Collections.unmodifiableMap(entry);
        Map<String, Object> running = new LinkedHashMap<>(Map.of("id", "r2"));
        JsonWriter writer = new JsonWriter();
        assertEquals("{\"invocations\":[{\"id\":\"r1\"},{\"id\":\"r2\"}]}",
                writer.toJson(Map.of("invocations", Arrays.asList(finished, running))));

        // Breaking the promise shows the copy: the text of the same unmodifiable instance is reused as it was,
        // while a modifiable map is written as it is now.
        entry.put("id", "changed");
        running.put("id", "r2-ended");
        assertEquals("{\"invocations\":[{\"id\":\"r1\"},{\"id\":\"r2-ended\"}]}",
                writer.toJson(Map.of("invocations", Arrays.asList(finished, running))));
        assertEquals("{\"invocations\":[{\"id\":\"changed\"}]}",
                new JsonWriter().toJson(Map.of("invocations", Arrays.asList(finished))), "a new writer knows nothing");
    }

    @Test
    void platformIsDetectedFromTheVariablesEachPlatformSets() {
        assertEquals(Platform.AWS_LAMBDA, Platform.detect(Map.of("AWS_LAMBDA_FUNCTION_NAME", "fn")));
        assertEquals(Platform.GCP_CLOUD_FUNCTIONS, Platform.detect(Map.of("K_SERVICE", "s", "FUNCTION_TARGET", "t")));
        assertEquals(Platform.GCP_CLOUD_RUN, Platform.detect(Map.of("K_SERVICE", "s")));
        assertEquals(Platform.AZURE_FUNCTIONS, Platform.detect(Map.of("FUNCTIONS_WORKER_RUNTIME", "java")));
        assertEquals(Platform.VERCEL, Platform.detect(Map.of("VERCEL", "1")));
        assertEquals(Platform.LOCAL, Platform.detect(Map.of()));
    }
}
