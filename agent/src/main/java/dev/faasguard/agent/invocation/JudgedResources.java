package dev.faasguard.agent.invocation;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Sockets and HTTP connections already judged, and in which invocation: each is reported once per invocation,
 * however many reads it makes, so a connection kept alive across invocations counts once in each, whether they run
 * one after another or at once. Held weakly, so a closed connection is forgotten.
 */
public final class JudgedResources {

    /** Outside any invocation (init): the resource counts once there too. */
    private static final String NO_INVOCATION = "";

    private final Map<Object, String> judgedIn = Collections.synchronizedMap(new WeakHashMap<>());

    /**
     * @param invocationId the invocation the calling thread works for, or null
     * @return true the first time that invocation sees {@code resource} (always true for null: nothing to remember)
     */
    public boolean firstTime(Object resource, String invocationId) {
        if (resource == null) {
            return true;
        }
        String invocation = invocationId == null ? NO_INVOCATION : invocationId;
        return !invocation.equals(judgedIn.put(resource, invocation));
    }
}
