package dev.faasguard.agent.rule;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Why the runtime cannot call a handler named like {@code com.example.Fn::handleRequest}, found the way the AWS runtime
 * client looks it up: the class by name in the function's class loader (never initialized here), a public method of
 * that name with a shape the client can call, a public no-argument constructor for an instance method. What is close
 * is named too: the class names on the class path nearest the one asked for, the class's public methods nearest the
 * one asked for, the handler interfaces it implements.
 */
public final class HandlerDiagnosis {

    /** What is wrong, each with its own fix. */
    public enum Problem {
        INVALID_NAME, CLASS_MISSING, DEPENDENCY_MISSING, METHOD_MISSING, METHOD_NOT_CALLABLE, NO_CONSTRUCTOR,
        STATIC_INIT_FAILED
    }

    /**
     * @param handler the handler as named ({@code _HANDLER})
     * @param problem what is wrong
     * @param what what was looked for and not found, in words
     * @param nearby the closest names that do exist (classes, methods), nearest first
     * @param interfaces the handler interfaces the class implements, when it was found
     */
    public record Diagnosis(String handler, Problem problem, String what, List<String> nearby, List<String> interfaces) {}

    private static final String DEFAULT_METHOD = "handleRequest";
    private static final List<String> HANDLER_INTERFACES = List.of(
            "com.amazonaws.services.lambda.runtime.RequestHandler",
            "com.amazonaws.services.lambda.runtime.RequestStreamHandler");
    private static final int NEARBY = 3;

    private HandlerDiagnosis() {}

    /**
     * @param initFailure what the class's initialization threw when the runtime tried it, or null
     * @return what is wrong, or empty when the runtime can call the handler as named
     */
    public static Optional<Diagnosis> of(String handler, ClassLoader loader, ClassPathNames names, Throwable initFailure) {
        int separator = handler.indexOf("::");
        String className = separator < 0 ? handler.strip() : handler.substring(0, separator).strip();
        String methodName = separator < 0 ? DEFAULT_METHOD : handler.substring(separator + 2).strip();
        if (className.isEmpty() || methodName.isEmpty() || methodName.contains("::") || className.contains(" ")) {
            return found(handler, Problem.INVALID_NAME, "'" + handler + "' is not a handler name of the form "
                    + "package.Class::method", List.of(), List.of());
        }
        if (initFailure != null && !(initFailure instanceof NoClassDefFoundError)) {
            Throwable cause = initFailure instanceof ExceptionInInitializerError && initFailure.getCause() != null
                    ? initFailure.getCause() : initFailure;
            return found(handler, Problem.STATIC_INIT_FAILED, "class " + className + " could not be initialized: its "
                    + "static initializer threw " + cause, List.of(), List.of());
        }
        Class<?> type;
        try {
            type = Class.forName(className, false, loader);
        } catch (ClassNotFoundException missing) {
            return found(handler, Problem.CLASS_MISSING, "class " + className + " is not on the function's class path",
                    Nearest.of(className, names.classNames(), NEARBY), List.of());
        } catch (LinkageError dependency) {
            return found(handler, Problem.DEPENDENCY_MISSING, "class " + className + " is there, but a class it needs "
                    + "is not: " + dependency, List.of(), List.of());
        }
        List<String> interfaces = handlerInterfaces(type);
        List<Method> named = new ArrayList<>();
        List<String> publicMethods = new ArrayList<>();
        try {
            for (Method method : type.getMethods()) {
                if (method.getDeclaringClass() != Object.class) {
                    publicMethods.add(method.getName());
                }
                if (method.getName().equals(methodName)) {
                    named.add(method);
                }
            }
        } catch (LinkageError dependency) {
            return found(handler, Problem.DEPENDENCY_MISSING, "class " + className + " is there, but a class its "
                    + "methods use is not: " + dependency, List.of(), interfaces);
        }
        if (named.isEmpty()) {
            return found(handler, Problem.METHOD_MISSING, "class " + className + " has no public method named "
                    + methodName, Nearest.of(methodName, publicMethods, NEARBY), interfaces);
        }
        Method callable = named.stream().filter(HandlerDiagnosis::callableShape).findFirst().orElse(null);
        if (callable == null) {
            return found(handler, Problem.METHOD_NOT_CALLABLE, "no public method " + className + "." + methodName
                    + " takes what the runtime passes (an event and a Context, or an InputStream, an OutputStream and a "
                    + "Context, or fewer of them): it has " + named.get(0), List.of(), interfaces);
        }
        if (!Modifier.isStatic(callable.getModifiers()) && !instantiable(type)) {
            return found(handler, Problem.NO_CONSTRUCTOR, "class " + className + " has no public constructor without "
                    + "arguments (or is abstract), so the runtime cannot make the instance " + methodName
                    + " is called on", List.of(), interfaces);
        }
        if (initFailure != null) {
            return found(handler, Problem.DEPENDENCY_MISSING, "class " + className + " is there, but a class it needs "
                    + "is not: " + initFailure, List.of(), interfaces);
        }
        return Optional.empty();
    }

    /** An event and a Context, or a stream in and a stream out and a Context, or fewer; never more than three. */
    private static boolean callableShape(Method method) {
        Class<?>[] parameters = method.getParameterTypes();
        if (parameters.length > 3) {
            return false;
        }
        if (parameters.length == 3) {
            return parameters[0] == java.io.InputStream.class && parameters[1] == java.io.OutputStream.class
                    && isContext(parameters[2]);
        }
        return parameters.length < 2 || isContext(parameters[1]) || parameters[1] == java.io.OutputStream.class;
    }

    private static boolean isContext(Class<?> type) {
        return type.getName().equals("com.amazonaws.services.lambda.runtime.Context");
    }

    private static boolean instantiable(Class<?> type) {
        if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
            return false;
        }
        for (Constructor<?> constructor : type.getConstructors()) {
            if (constructor.getParameterCount() == 0) {
                return true;
            }
        }
        return false;
    }

    private static List<String> handlerInterfaces(Class<?> type) {
        List<String> implemented = new ArrayList<>();
        for (Class<?> at = type; at != null; at = at.getSuperclass()) {
            for (Class<?> implementedHere : at.getInterfaces()) {
                if (HANDLER_INTERFACES.contains(implementedHere.getName())
                        && !implemented.contains(implementedHere.getName())) {
                    implemented.add(implementedHere.getName());
                }
            }
        }
        return implemented;
    }

    private static Optional<Diagnosis> found(String handler, Problem problem, String what, List<String> nearby,
            List<String> interfaces) {
        return Optional.of(new Diagnosis(handler, problem, what, List.copyOf(nearby), List.copyOf(interfaces)));
    }

    /** The class names a class loader can load, read from its class path once asked. */
    public interface ClassPathNames {
        List<String> classNames();

        /** The names in jars and directories of a class path. */
        static ClassPathNames of(List<java.nio.file.Path> entries) {
            return () -> {
                try {
                    return ClassPathScan.classNames(entries);
                } catch (IOException unreadable) {
                    return List.of();
                }
            };
        }
    }
}
