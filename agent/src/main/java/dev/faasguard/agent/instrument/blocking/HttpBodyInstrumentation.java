package dev.faasguard.agent.instrument.blocking;

import static dev.faasguard.agent.instrument.HookCall.BLOCKING;

import dev.faasguard.agent.instrument.HookCall;
import dev.faasguard.agent.instrument.MethodShape;
import dev.faasguard.agent.instrument.TimedHook;
import dev.faasguard.agent.instrument.TypeInstrumentation;
import net.bytebuddy.jar.asm.MethodVisitor;

/** Reads of an {@code HttpURLConnection}'s body belong to the HTTP call already judged, not to its socket. */
final class HttpBodyInstrumentation implements TypeInstrumentation {

    private static final HookCall READ = HookCall.of(BLOCKING, "httpBodyReadEnter", "()I");

    @Override
    public String className() {
        return "sun.net.www.protocol.http.HttpURLConnection$HttpInputStream";
    }

    @Override
    public boolean addsLocals() {
        return true;
    }

    @Override
    public MethodVisitor visitMethod(MethodShape method, MethodVisitor visitor) {
        return method.is("read", "([BII)I") || method.is("read", "()I") ? TimedHook.around(method, visitor, READ) : visitor;
    }
}
