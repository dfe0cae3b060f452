package dev.faasguard.agent.instrument;

import net.bytebuddy.jar.asm.MethodVisitor;

/** Reads of an {@code HttpURLConnection}'s body belong to the HTTP call already judged, not to its socket. */
final class HttpBodyInstrumentation implements TypeInstrumentation {

    private static final HookCall READ = HookCall.of("httpBodyReadEnter", "()I");

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
