package dev.faasguard.agent.instrument.invocation;

import static dev.faasguard.agent.instrument.HookCall.INVOCATIONS;

import dev.faasguard.agent.instrument.HookCall;
import dev.faasguard.agent.instrument.Instrumentations;
import dev.faasguard.agent.instrument.Instrumenter;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.function.Predicate;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * For {@code state-across-invocations}: the application classes with a static field that may hold a collection or a
 * map tell the agent when their static initializer is done, so that the agent can read that field at invocation
 * ends without ever initializing a class itself (reading a static field by reflection would). Each application
 * class's field table is read from its bytes ({@link FieldTable}); only a class with such a field is rewritten: a hook
 * call at each return of its {@code <clinit>}, or a {@code <clinit>} made of that call when it has none.
 */
public final class StaticStateTransformer implements ClassFileTransformer {

    /** {@code InvocationHooks.classInitialized(Class)}, given the class itself. */
    static final String HOOK = "classInitialized";
    static final String HOOK_DESCRIPTOR = "(Ljava/lang/Class;)V";

    private final Predicate<String> application;
    private final Instrumenter.Failures failures;

    /** @param application whether a class, by binary name, is the application's own (never the agent's) */
    public StaticStateTransformer(Predicate<String> application, Instrumenter.Failures failures) {
        this.application = application;
        this.failures = failures;
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String className, Class<?> classBeingRedefined,
            ProtectionDomain protectionDomain, byte[] classfileBuffer) {
        // A redefinition may not add a method; the JDK's classes are no application's (the predicate sets the agent's
        // and the runtime client's apart); a class of a named module cannot read the boot loader's hook class.
        if (className == null || classBeingRedefined != null || loader == null
                || loader == ClassLoader.getPlatformClassLoader() || module.isNamed()
                || !application.test(className.replace('/', '.'))) {
            return null;
        }
        try {
            if (!FieldTable.worthWatching(classfileBuffer)) {
                return null;
            }
            ClassReader reader = new ClassReader(classfileBuffer);
            ClassWriter writer = new ClassWriter(reader, 0);
            reader.accept(new InitializerHook(writer, className), 0);
            return writer.toByteArray();
        } catch (Throwable failure) {
            failures.instrumentationFailed(className.replace('/', '.'), failure);
            return null;
        }
    }

    /** Calls the hook with the class before each return of {@code <clinit>}; adds a {@code <clinit>} if there is none. */
    private static final class InitializerHook extends ClassVisitor {
        private final String className;
        private boolean hasInitializer;

        InitializerHook(ClassVisitor writer, String className) {
            super(Instrumentations.ASM_API, writer);
            this.className = className;
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                String[] exceptions) {
            MethodVisitor method = super.visitMethod(access, name, descriptor, signature, exceptions);
            if (!name.equals("<clinit>")) {
                return method;
            }
            hasInitializer = true;
            return new BeforeReturn(method, className);
        }

        @Override
        public void visitEnd() {
            if (!hasInitializer) {
                MethodVisitor method = new BeforeReturn(
                        super.visitMethod(Opcodes.ACC_STATIC, "<clinit>", "()V", null, null), className);
                method.visitCode();
                method.visitInsn(Opcodes.RETURN);
                method.visitMaxs(0, 0);
                method.visitEnd();
            }
            super.visitEnd();
        }
    }

    /** {@code InvocationHooks.classInitialized(ThisClass.class)} before each {@code return}. */
    private static final class BeforeReturn extends MethodVisitor {
        private final HookCall hook;

        BeforeReturn(MethodVisitor method, String className) {
            super(Instrumentations.ASM_API, method);
            this.hook = HookCall.of(INVOCATIONS, HOOK, HOOK_DESCRIPTOR,
                    HookCall.Push.constant(Type.getObjectType(className)));
        }

        @Override
        public void visitInsn(int opcode) {
            if (opcode == Opcodes.RETURN) {
                hook.emit(mv);
            }
            super.visitInsn(opcode);
        }

        @Override
        public void visitMaxs(int maxStack, int maxLocals) {
            // One more slot for the class constant, whatever the stack holds at that return.
            super.visitMaxs(maxStack + 1, maxLocals);
        }
    }
}
