package dev.faasguard.agent.invocation;

import java.lang.reflect.Method;

/**
 * Reads the runtime interface client's {@code InvocationRequest}, a class of the client's own that the
 * boot-loader hooks cannot name: its request id, deadline, function ARN, X-Ray trace header and event,
 * by reflection, once per invocation.
 */
public record RuntimeClientRequest(String id, long deadlineEpochMillis, String functionArn, String xrayTraceHeader,
        byte[] event) {

    /** The client's getters, looked up once for its request class rather than at every invocation. */
    private record Getters(Class<?> type, Method id, Method deadline, Method functionArn, Method xrayTraceId,
            Method content) {

        static Getters of(Class<?> type) throws NoSuchMethodException {
            return new Getters(type, type.getMethod("getId"), type.getMethod("getDeadlineTimeInMs"),
                    type.getMethod("getInvokedFunctionArn"), type.getMethod("getXrayTraceId"),
                    type.getMethod("getContent"));
        }
    }

    private static volatile Getters getters;

    /** @return null when the object is not a request the agent understands */
    public static RuntimeClientRequest read(Object request) {
        try {
            Getters known = getters;
            if (known == null || known.type() != request.getClass()) {
                known = Getters.of(request.getClass());
                getters = known;
            }
            Object id = known.id().invoke(request);
            Object deadline = known.deadline().invoke(request);
            return new RuntimeClientRequest(id == null ? null : id.toString(),
                    deadline instanceof Long millis ? millis : 0, string(known.functionArn().invoke(request)),
                    string(known.xrayTraceId().invoke(request)),
                    known.content().invoke(request) instanceof byte[] event ? event : null);
        } catch (ReflectiveOperationException | RuntimeException notARequest) {
            return null;
        }
    }

    private static String string(Object value) {
        return value == null ? null : value.toString();
    }
}
