package dev.faasguard.agent.instrument;

import dev.faasguard.agent.instrument.HookCall.Push;
import net.bytebuddy.jar.asm.MethodVisitor;

/** {@code Thread.join(long)}: join() and join(0) end up here on JDK 17 and 25 alike. */
final class ThreadInstrumentation implements TypeInstrumentation {

    private static final HookCall JOIN = HookCall.of("threadJoinEnter", "(Ljava/lang/Thread;J)I",
            Push.reference(0), Push.longValue(1));

    @Override
    public String className() {
        return "java.lang.Thread";
    }

    @Override
    public boolean addsLocals() {
        return true;
    }

    @Override
    public MethodVisitor visitMethod(MethodShape method, MethodVisitor visitor) {
        return method.is("join", "(J)V") ? TimedHook.around(method, visitor, JOIN) : visitor;
    }
}
