package dev.faasguard.desugar;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Type;

/**
 * One lambda or method reference as javac (or kotlinc) compiles it: an invokedynamic call site whose
 * bootstrap is {@code LambdaMetafactory.metafactory} or {@code altMetafactory}, read into what the
 * metafactory would be told at link time.
 */
record LambdaSite(
        String methodName,
        Type factoryType,
        Type methodType,
        Handle implementation,
        Type instantiatedType,
        List<String> markerInterfaces,
        List<Type> bridgeTypes,
        boolean serializable) {

    private static final String METAFACTORY_OWNER = "java/lang/invoke/LambdaMetafactory";
    private static final int FLAG_SERIALIZABLE = 1;
    private static final int FLAG_MARKERS = 2;
    private static final int FLAG_BRIDGES = 4;

    /** @return the site, or null when the call site is some other invokedynamic (string concat, records, ...) */
    static LambdaSite of(String name, String descriptor, Handle bootstrap, Object[] arguments) {
        if (!bootstrap.getOwner().equals(METAFACTORY_OWNER)) {
            return null;
        }
        Type factoryType = Type.getMethodType(descriptor);
        Type methodType = (Type) arguments[0];
        Handle implementation = (Handle) arguments[1];
        Type instantiatedType = (Type) arguments[2];
        switch (bootstrap.getName()) {
            case "metafactory":
                return new LambdaSite(name, factoryType, methodType, implementation, instantiatedType,
                        List.of(), List.of(), false);
            case "altMetafactory":
                return alternative(name, factoryType, methodType, implementation, instantiatedType, arguments);
            default:
                return null;
        }
    }

    /** altMetafactory's arguments: flags, then optional counted lists of marker interfaces and bridges. */
    private static LambdaSite alternative(String name, Type factoryType, Type methodType, Handle implementation,
            Type instantiatedType, Object[] arguments) {
        int flags = (Integer) arguments[3];
        int next = 4;
        List<String> markers = new ArrayList<>();
        if ((flags & FLAG_MARKERS) != 0) {
            int count = (Integer) arguments[next++];
            for (int i = 0; i < count; i++) {
                markers.add(((Type) arguments[next++]).getInternalName());
            }
        }
        List<Type> bridges = new ArrayList<>();
        if ((flags & FLAG_BRIDGES) != 0) {
            int count = (Integer) arguments[next++];
            for (int i = 0; i < count; i++) {
                bridges.add((Type) arguments[next++]);
            }
        }
        return new LambdaSite(name, factoryType, methodType, implementation, instantiatedType,
                List.copyOf(markers), List.copyOf(bridges), (flags & FLAG_SERIALIZABLE) != 0);
    }

    /** The functional interface the call site returns an instance of. */
    String functionalInterface() {
        return factoryType.getReturnType().getInternalName();
    }

    /** The values the call site captures (the enclosing instance, effectively final locals). */
    Type[] capturedTypes() {
        return factoryType.getArgumentTypes();
    }
}
