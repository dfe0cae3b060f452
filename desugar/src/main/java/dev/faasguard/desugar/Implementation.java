package dev.faasguard.desugar;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * The method a lambda class calls, seen as a plain static shape: the receiver (if any) is the first
 * parameter, and a constructor returns what it constructs. That is the shape both of a direct call and of
 * the accessor the host gets when the implementation is private to it.
 */
final class Implementation {

    private final Handle handle;

    Implementation(Handle handle) {
        this.handle = handle;
    }

    Handle handle() {
        return handle;
    }

    boolean isConstructor() {
        return handle.getTag() == Opcodes.H_NEWINVOKESPECIAL;
    }

    boolean isStatic() {
        return handle.getTag() == Opcodes.H_INVOKESTATIC;
    }

    Type[] parameterTypes() {
        List<Type> types = new ArrayList<>();
        if (!isStatic() && !isConstructor()) {
            types.add(Type.getObjectType(handle.getOwner()));
        }
        types.addAll(Arrays.asList(Type.getArgumentTypes(handle.getDesc())));
        return types.toArray(new Type[0]);
    }

    Type returnType() {
        return isConstructor() ? Type.getObjectType(handle.getOwner()) : Type.getReturnType(handle.getDesc());
    }

    /** The static shape's descriptor: what an accessor for this implementation is declared as. */
    String staticDescriptor() {
        return Type.getMethodDescriptor(returnType(), parameterTypes());
    }
}
