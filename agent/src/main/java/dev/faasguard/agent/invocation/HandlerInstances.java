package dev.faasguard.agent.invocation;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.function.Predicate;

/**
 * The application's own handler object inside what the AWS runtime client's handler lookup returns: the client wraps
 * it (a request-stream adapter holding a POJO adapter holding the instance, for example), and keeps it for every
 * invocation. Found by reading the client's own fields, a few levels deep, never calling anything.
 */
final class HandlerInstances {

    /** The runtime client's classes: only their fields are followed. */
    private static final String RUNTIME_CLIENT = "com.amazonaws.services.lambda.runtime.";
    /** The client's wrappers nest two or three deep. */
    private static final int MAX_DEPTH = 4;

    private HandlerInstances() {}

    /** @return the first object of an application class reached through the client's fields, or null */
    static Object userInstance(Object handler, Predicate<String> application) {
        return find(handler, application, 0);
    }

    private static Object find(Object at, Predicate<String> application, int depth) {
        if (at == null || depth > MAX_DEPTH) {
            return null;
        }
        Class<?> type = at.getClass();
        if (application.test(type.getName()) && type.getClassLoader() != null) {
            return at;
        }
        if (!type.getName().startsWith(RUNTIME_CLIENT)) {
            return null;
        }
        for (Field field : type.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) || field.getType().isPrimitive()) {
                continue;
            }
            try {
                field.setAccessible(true);
                Object found = find(field.get(at), application, depth + 1);
                if (found != null) {
                    return found;
                }
            } catch (IllegalAccessException | RuntimeException unreadable) {
                // A field the agent may not read: the next one may lead to the handler.
            }
        }
        return null;
    }
}
