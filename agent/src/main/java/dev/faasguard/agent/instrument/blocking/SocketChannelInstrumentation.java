package dev.faasguard.agent.instrument.blocking;

import static dev.faasguard.agent.instrument.HookCall.BLOCKING;

import dev.faasguard.agent.instrument.HookCall;
import dev.faasguard.agent.instrument.HookCall.Push;
import dev.faasguard.agent.instrument.MethodShape;
import dev.faasguard.agent.instrument.TimedHook;
import dev.faasguard.agent.instrument.TypeInstrumentation;
import net.bytebuddy.jar.asm.MethodVisitor;

/** {@code SocketChannel.connect} (and {@code SocketChannel.open(address)}), which has no timeout when blocking. */
final class SocketChannelInstrumentation implements TypeInstrumentation {

    private static final HookCall CONNECT = HookCall.of(BLOCKING, "socketChannelConnectEnter",
            "(Ljava/nio/channels/SocketChannel;Ljava/net/SocketAddress;)I", Push.reference(0), Push.reference(1));

    @Override
    public String className() {
        return "sun.nio.ch.SocketChannelImpl";
    }

    @Override
    public boolean addsLocals() {
        return true;
    }

    @Override
    public MethodVisitor visitMethod(MethodShape method, MethodVisitor visitor) {
        return method.is("connect", "(Ljava/net/SocketAddress;)Z") ? TimedHook.around(method, visitor, CONNECT) : visitor;
    }
}
