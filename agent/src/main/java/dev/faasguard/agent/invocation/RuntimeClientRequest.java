package dev.faasguard.agent.invocation;

import java.lang.reflect.Method;

/**
 * Reads the runtime interface client's {@code InvocationRequest}, a class of the client's own that the
 * boot-loader hooks cannot name: its request id and deadline, by reflection, once per invocation.
 */
public record RuntimeClientRequest(String id, long deadlineEpochMillis) {

    /** @return null when the object is not a request the agent understands */
    public static RuntimeClientRequest read(Object request) {
        try {
            Method getId = request.getClass().getMethod("getId");
            Method getDeadline = request.getClass().getMethod("getDeadlineTimeInMs");
            Object id = getId.invoke(request);
            Object deadline = getDeadline.invoke(request);
            return new RuntimeClientRequest(id == null ? null : id.toString(),
                    deadline instanceof Long millis ? millis : 0);
        } catch (ReflectiveOperationException | RuntimeException notARequest) {
            return null;
        }
    }
}
