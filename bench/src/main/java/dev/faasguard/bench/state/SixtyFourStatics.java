package dev.faasguard.bench.state;

import java.util.HashMap;
import java.util.Map;

/**
 * 64 static maps of 100 entries that stay the same size, as a function's tables and caches might be: what
 * {@code state-across-invocations} reads at each invocation end once this class is initialized.
 */
final class SixtyFourStatics {

    static final Map<String, String> M00 = table(), M01 = table(), M02 = table(), M03 = table();
    static final Map<String, String> M04 = table(), M05 = table(), M06 = table(), M07 = table();
    static final Map<String, String> M08 = table(), M09 = table(), M10 = table(), M11 = table();
    static final Map<String, String> M12 = table(), M13 = table(), M14 = table(), M15 = table();
    static final Map<String, String> M16 = table(), M17 = table(), M18 = table(), M19 = table();
    static final Map<String, String> M20 = table(), M21 = table(), M22 = table(), M23 = table();
    static final Map<String, String> M24 = table(), M25 = table(), M26 = table(), M27 = table();
    static final Map<String, String> M28 = table(), M29 = table(), M30 = table(), M31 = table();
    static final Map<String, String> M32 = table(), M33 = table(), M34 = table(), M35 = table();
    static final Map<String, String> M36 = table(), M37 = table(), M38 = table(), M39 = table();
    static final Map<String, String> M40 = table(), M41 = table(), M42 = table(), M43 = table();
    static final Map<String, String> M44 = table(), M45 = table(), M46 = table(), M47 = table();
    static final Map<String, String> M48 = table(), M49 = table(), M50 = table(), M51 = table();
    static final Map<String, String> M52 = table(), M53 = table(), M54 = table(), M55 = table();
    static final Map<String, String> M56 = table(), M57 = table(), M58 = table(), M59 = table();
    static final Map<String, String> M60 = table(), M61 = table(), M62 = table(), M63 = table();

    private SixtyFourStatics() {}

    private static Map<String, String> table() {
        Map<String, String> table = new HashMap<>();
        for (int i = 0; i < 100; i++) {
            table.put("key-" + i, "value-" + i);
        }
        return table;
    }
}
