package dev.faasguard.agent.invocation;

import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * Sockets and HTTP connections already judged in the running invocation: each is reported once per invocation,
 * however many reads it makes. Held weakly, so a closed connection is forgotten; emptied when an invocation starts,
 * so a connection kept alive across invocations counts once in each.
 */
public final class JudgedResources {

    private final Set<Object> judged = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

    /** @return true the first time this invocation sees {@code resource} (always true for null: nothing to remember) */
    public boolean firstTime(Object resource) {
        return resource == null || judged.add(resource);
    }

    void forgetAll() {
        judged.clear();
    }
}
