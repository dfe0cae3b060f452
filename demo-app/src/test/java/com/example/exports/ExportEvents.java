package com.example.exports;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The eight events the Managed Instances tests send the export functions at once: exports at even places, the
 * archive that hangs at {@link #HUNG}, scratch answers elsewhere; all of them meet in the handler first.
 */
public final class ExportEvents {

    public static final int AT_ONCE = 8;
    public static final int HUNG = 3;

    private ExportEvents() {}

    public static String action(int i) {
        return i == HUNG ? "archive" : i % 2 == 0 ? "export" : "scratch";
    }

    public static List<byte[]> atOnce() {
        List<byte[]> events = new ArrayList<>();
        for (int i = 0; i < AT_ONCE; i++) {
            events.add(("{\"action\":\"" + action(i) + "\",\"together\":" + AT_ONCE + "}")
                    .getBytes(StandardCharsets.UTF_8));
        }
        return events;
    }

    /** An event for one invocation on its own, before the others: the cold start. */
    public static String warmUp() {
        return "{\"action\":\"scratch\"}";
    }
}
