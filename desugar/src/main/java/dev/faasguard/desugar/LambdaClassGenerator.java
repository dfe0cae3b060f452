package dev.faasguard.desugar;

import java.util.LinkedHashSet;
import java.util.Set;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Writes the class the JDK's LambdaMetafactory would spin at run time for one call site, as an ordinary
 * class file: final fields for what the site captures, the interface method (and its bridges) adapting
 * arguments and result the way the metafactory does, and a way to get an instance. A site that captures
 * nothing gets one shared instance, as the metafactory gives it.
 */
final class LambdaClassGenerator {

    static final String INSTANCE_FIELD = "INSTANCE";
    static final String FACTORY_METHOD = "get$Lambda";

    private final LambdaSite site;
    private final String className;
    private final Call call;
    private final Implementation implementation;

    LambdaClassGenerator(LambdaSite site, String className, Call call) {
        this.site = site;
        this.className = className;
        this.call = call;
        this.implementation = new Implementation(site.implementation());
    }

    byte[] generate(int classFileVersion) {
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        Set<String> interfaces = new LinkedHashSet<>();
        interfaces.add(site.functionalInterface());
        interfaces.addAll(site.markerInterfaces());
        writer.visit(classFileVersion, Opcodes.ACC_FINAL | Opcodes.ACC_SUPER | Opcodes.ACC_SYNTHETIC, className, null,
                "java/lang/Object", interfaces.toArray(new String[0]));
        Type[] captured = site.capturedTypes();
        for (int i = 0; i < captured.length; i++) {
            writer.visitField(Opcodes.ACC_PRIVATE | Opcodes.ACC_FINAL, field(i), captured[i].getDescriptor(), null, null)
                    .visitEnd();
        }
        writeConstructor(writer, captured);
        if (captured.length == 0) {
            writeSharedInstance(writer);
        } else {
            writeFactory(writer, captured);
        }
        Set<String> written = new LinkedHashSet<>();
        writeInterfaceMethod(writer, site.methodType(), 0);
        written.add(site.methodType().getDescriptor());
        for (Type bridge : site.bridgeTypes()) {
            if (written.add(bridge.getDescriptor())) {
                writeInterfaceMethod(writer, bridge, Opcodes.ACC_BRIDGE | Opcodes.ACC_SYNTHETIC);
            }
        }
        writer.visitEnd();
        return writer.toByteArray();
    }

    /** How the host gets an instance in place of its invokedynamic instruction. */
    void replaceCallSite(MethodVisitor host) {
        if (site.capturedTypes().length == 0) {
            host.visitFieldInsn(Opcodes.GETSTATIC, className, INSTANCE_FIELD, site.factoryType().getReturnType().getDescriptor());
        } else {
            host.visitMethodInsn(Opcodes.INVOKESTATIC, className, FACTORY_METHOD, site.factoryType().getDescriptor(), false);
        }
    }

    private static String field(int index) {
        return "arg$" + (index + 1);
    }

    private void writeConstructor(ClassWriter writer, Type[] captured) {
        String descriptor = Type.getMethodDescriptor(Type.VOID_TYPE, captured);
        MethodVisitor method = writer.visitMethod(Opcodes.ACC_PRIVATE, "<init>", descriptor, null, null);
        method.visitCode();
        method.visitVarInsn(Opcodes.ALOAD, 0);
        method.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
        int slot = 1;
        for (int i = 0; i < captured.length; i++) {
            method.visitVarInsn(Opcodes.ALOAD, 0);
            method.visitVarInsn(captured[i].getOpcode(Opcodes.ILOAD), slot);
            method.visitFieldInsn(Opcodes.PUTFIELD, className, field(i), captured[i].getDescriptor());
            slot += captured[i].getSize();
        }
        method.visitInsn(Opcodes.RETURN);
        method.visitMaxs(0, 0);
        method.visitEnd();
    }

    private void writeSharedInstance(ClassWriter writer) {
        String descriptor = site.factoryType().getReturnType().getDescriptor();
        writer.visitField(Opcodes.ACC_STATIC | Opcodes.ACC_FINAL, INSTANCE_FIELD, descriptor, null, null).visitEnd();
        MethodVisitor init = writer.visitMethod(Opcodes.ACC_STATIC, "<clinit>", "()V", null, null);
        init.visitCode();
        init.visitTypeInsn(Opcodes.NEW, className);
        init.visitInsn(Opcodes.DUP);
        init.visitMethodInsn(Opcodes.INVOKESPECIAL, className, "<init>", "()V", false);
        init.visitFieldInsn(Opcodes.PUTSTATIC, className, INSTANCE_FIELD, descriptor);
        init.visitInsn(Opcodes.RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();
    }

    private void writeFactory(ClassWriter writer, Type[] captured) {
        MethodVisitor factory = writer.visitMethod(Opcodes.ACC_STATIC, FACTORY_METHOD,
                site.factoryType().getDescriptor(), null, null);
        factory.visitCode();
        factory.visitTypeInsn(Opcodes.NEW, className);
        factory.visitInsn(Opcodes.DUP);
        int slot = 0;
        for (Type type : captured) {
            factory.visitVarInsn(type.getOpcode(Opcodes.ILOAD), slot);
            slot += type.getSize();
        }
        factory.visitMethodInsn(Opcodes.INVOKESPECIAL, className, "<init>",
                Type.getMethodDescriptor(Type.VOID_TYPE, captured), false);
        factory.visitInsn(Opcodes.ARETURN);
        factory.visitMaxs(0, 0);
        factory.visitEnd();
    }

    /**
     * The interface method with the given (erased) type: captured values, then the arguments cast to the
     * instantiated types and adapted to the implementation's, the call, and the result adapted back.
     */
    private void writeInterfaceMethod(ClassWriter writer, Type methodType, int extraFlags) {
        Type[] targetParameters = implementation.parameterTypes();
        Type[] captured = site.capturedTypes();
        Type[] arguments = methodType.getArgumentTypes();
        Type[] instantiated = site.instantiatedType().getArgumentTypes();
        if (captured.length + arguments.length != targetParameters.length || arguments.length != instantiated.length) {
            throw new UnsupportedSiteException("arity differs from the implementation's (varargs?)");
        }
        MethodVisitor method = writer.visitMethod(Opcodes.ACC_PUBLIC | extraFlags, site.methodName(),
                methodType.getDescriptor(), null, null);
        method.visitCode();
        call.prepare(method);
        for (int i = 0; i < captured.length; i++) {
            method.visitVarInsn(Opcodes.ALOAD, 0);
            method.visitFieldInsn(Opcodes.GETFIELD, className, field(i), captured[i].getDescriptor());
            Conversions.convert(method, captured[i], targetParameters[i]);
        }
        int slot = 1;
        for (int i = 0; i < arguments.length; i++) {
            method.visitVarInsn(arguments[i].getOpcode(Opcodes.ILOAD), slot);
            slot += arguments[i].getSize();
            Conversions.convert(method, arguments[i], instantiated[i]);
            Conversions.convert(method, instantiated[i], targetParameters[captured.length + i]);
        }
        call.invoke(method);
        Type result = implementation.returnType();
        Type wanted = methodType.getReturnType();
        if (wanted.getSort() == Type.VOID) {
            Conversions.drop(method, result);
        } else if (result.getSort() == Type.VOID) {
            throw new UnsupportedSiteException("a void implementation for a method returning " + wanted);
        } else {
            Conversions.convert(method, result, site.instantiatedType().getReturnType());
            Conversions.convert(method, site.instantiatedType().getReturnType(), wanted);
        }
        method.visitInsn(wanted.getOpcode(Opcodes.IRETURN));
        method.visitMaxs(0, 0);
        method.visitEnd();
    }
}
