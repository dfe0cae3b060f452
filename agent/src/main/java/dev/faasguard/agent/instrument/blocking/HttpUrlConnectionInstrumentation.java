package dev.faasguard.agent.instrument.blocking;

import static dev.faasguard.agent.instrument.HookCall.BLOCKING;

import dev.faasguard.agent.instrument.HookCall;
import dev.faasguard.agent.instrument.HookCall.Push;
import dev.faasguard.agent.instrument.MethodShape;
import dev.faasguard.agent.instrument.TimedHook;
import dev.faasguard.agent.instrument.TypeInstrumentation;
import net.bytebuddy.jar.asm.MethodVisitor;

/**
 * The JDK's {@code HttpURLConnection} (https delegates to it): {@code connect}, {@code getInputStream}
 * and {@code getOutputStream} are where it connects and waits for the response.
 */
final class HttpUrlConnectionInstrumentation implements TypeInstrumentation {

    private static final HookCall ENTER = HookCall.of(BLOCKING, "httpUrlConnectionEnter",
            "(Ljava/net/HttpURLConnection;Z)I", Push.reference(0), Push.field("java/net/URLConnection", "connected", "Z"));

    @Override
    public String className() {
        return "sun.net.www.protocol.http.HttpURLConnection";
    }

    @Override
    public boolean addsLocals() {
        return true;
    }

    @Override
    public MethodVisitor visitMethod(MethodShape method, MethodVisitor visitor) {
        boolean hooked = method.is("connect", "()V")
                || method.is("getInputStream", "()Ljava/io/InputStream;")
                || method.is("getOutputStream", "()Ljava/io/OutputStream;");
        return hooked ? TimedHook.around(method, visitor, ENTER) : visitor;
    }
}
