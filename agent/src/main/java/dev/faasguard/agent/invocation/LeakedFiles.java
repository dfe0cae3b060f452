package dev.faasguard.agent.invocation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The files the last invocation left in /tmp, as its report entry lists them: those the hooks saw at its end, then
 * those a walk found after its response; the first {@value #LISTED} of them, all counted in the bytes.
 */
final class LeakedFiles {

    /** A cold start that fills a cache leaves thousands: the list shows what they are, the findings count them. */
    static final int LISTED = 100;

    private Invocation of;
    private final List<Map<String, Object>> files = new ArrayList<>();
    private long bytes;

    /** @return the bytes the invocation has left in all, these files included */
    synchronized long add(Invocation invocation, List<TmpWatch.Leak> leaks) {
        if (invocation != of) {
            of = invocation;
            files.clear();
            bytes = 0;
        }
        for (TmpWatch.Leak leak : leaks) {
            bytes += leak.bytes();
            if (files.size() >= LISTED) {
                continue;
            }
            Map<String, Object> file = new LinkedHashMap<>();
            file.put("path", leak.path());
            file.put("bytes", leak.bytes());
            file.put("callSite", leak.creator() == null ? null : leak.creator().callSite().frame());
            files.add(file);
        }
        if (!leaks.isEmpty()) {
            invocation.leaked(List.copyOf(files));
        }
        return bytes;
    }
}
