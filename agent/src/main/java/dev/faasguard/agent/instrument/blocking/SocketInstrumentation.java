package dev.faasguard.agent.instrument.blocking;

import static dev.faasguard.agent.instrument.HookCall.BLOCKING;

import dev.faasguard.agent.instrument.HookCall;
import dev.faasguard.agent.instrument.HookCall.Push;
import dev.faasguard.agent.instrument.MethodShape;
import dev.faasguard.agent.instrument.TimedHook;
import dev.faasguard.agent.instrument.TypeInstrumentation;
import net.bytebuddy.jar.asm.MethodVisitor;

/** {@code Socket.connect(SocketAddress, int)}: connect(addr) and the connecting constructors call it with 0. */
final class SocketInstrumentation implements TypeInstrumentation {

    private static final HookCall CONNECT = HookCall.of(BLOCKING, "socketConnectEnter",
            "(Ljava/net/Socket;Ljava/net/SocketAddress;I)I", Push.reference(0), Push.reference(1), Push.integer(2));

    @Override
    public String className() {
        return "java.net.Socket";
    }

    @Override
    public boolean addsLocals() {
        return true;
    }

    @Override
    public MethodVisitor visitMethod(MethodShape method, MethodVisitor visitor) {
        return method.is("connect", "(Ljava/net/SocketAddress;I)V") ? TimedHook.around(method, visitor, CONNECT) : visitor;
    }
}
