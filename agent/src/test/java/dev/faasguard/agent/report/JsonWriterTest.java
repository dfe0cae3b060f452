package dev.faasguard.agent.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
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
    void emptyContainers() {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("a", List.of());
        document.put("b", Map.of());
        assertEquals("{\"a\":[],\"b\":{}}", new JsonWriter().toJson(document));
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
