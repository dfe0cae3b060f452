package dev.faasguard.agent.instrument;

/**
 * A method about to be rewritten, as the transformer sees it.
 *
 * @param maxLocals the method's own local variable slots, known only for classes whose
 *     instrumentation {@link TypeInstrumentation#addsLocals() adds a local}, else -1
 */
public record MethodShape(int access, String name, String descriptor, int maxLocals) {

    public boolean is(String methodName, String methodDescriptor) {
        return name.equals(methodName) && descriptor.equals(methodDescriptor);
    }
}
