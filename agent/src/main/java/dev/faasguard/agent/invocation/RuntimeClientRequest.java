package dev.faasguard.agent.invocation;

import java.lang.reflect.Method;

/**
 * Reads the runtime interface client's {@code InvocationRequest}, a class of the client's own that the
 * boot-loader hooks cannot name: its request id, deadline, function ARN, X-Ray trace header and event,
 * by reflection, once per invocation.
 */
public record RuntimeClientRequest(String id, long deadlineEpochMillis, String functionArn, String xrayTraceHeader,
        byte[] event) {

    /** @return null when the object is not a request the agent understands */
    public static RuntimeClientRequest read(Object request) {
        try {
            Method getId = request.getClass().getMethod("getId");
            Method getDeadline = request.getClass().getMethod("getDeadlineTimeInMs");
            Object id = getId.invoke(request);
            Object deadline = getDeadline.invoke(request);
            return new RuntimeClientRequest(id == null ? null : id.toString(),
                    deadline instanceof Long millis ? millis : 0, string(request, "getInvokedFunctionArn"),
                    string(request, "getXrayTraceId"), request.getClass().getMethod("getContent").invoke(request)
                            instanceof byte[] event ? event : null);
        } catch (ReflectiveOperationException | RuntimeException notARequest) {
            return null;
        }
    }

    private static String string(Object request, String getter) throws ReflectiveOperationException {
        Object value = request.getClass().getMethod(getter).invoke(request);
        return value == null ? null : value.toString();
    }
}
