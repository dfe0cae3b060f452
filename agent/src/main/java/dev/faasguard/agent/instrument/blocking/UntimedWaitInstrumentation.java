package dev.faasguard.agent.instrument.blocking;

import dev.faasguard.agent.instrument.EntryHook;
import dev.faasguard.agent.instrument.HookCall;
import dev.faasguard.agent.instrument.MethodShape;
import dev.faasguard.agent.instrument.TimedHook;
import dev.faasguard.agent.instrument.TypeInstrumentation;
import java.util.Map;
import net.bytebuddy.jar.asm.MethodVisitor;

/**
 * The untimed wait methods of one java.util.concurrent or Process type, and their timed twins, by name and
 * descriptor (the types and their methods are listed in {@link BlockingInstrumentations}).
 */
record UntimedWaitInstrumentation(String className, Map<String, HookCall> hooks, Map<String, HookCall> timed)
        implements TypeInstrumentation {

    @Override
    public boolean addsLocals() {
        return true;
    }

    @Override
    public MethodVisitor visitMethod(MethodShape method, MethodVisitor visitor) {
        HookCall enter = hooks.get(method.name() + method.descriptor());
        if (enter != null) {
            return TimedHook.around(method, visitor, enter);
        }
        HookCall check = timed.get(method.name() + method.descriptor());
        return check == null ? visitor : EntryHook.call(visitor, check);
    }
}
