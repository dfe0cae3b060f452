package dev.faasguard.agent.instrument.blocking;

import static dev.faasguard.agent.instrument.HookCall.BLOCKING;

import dev.faasguard.agent.instrument.HookCall;
import dev.faasguard.agent.instrument.HookCall.Push;
import dev.faasguard.agent.instrument.MethodShape;
import dev.faasguard.agent.instrument.TimedHook;
import dev.faasguard.agent.instrument.TypeInstrumentation;
import net.bytebuddy.jar.asm.MethodVisitor;

/**
 * {@code NioSocketImpl.read(byte[], int, int)}, where every read of a plain {@code Socket}'s stream
 * lands (SSL sockets read through it too). Its {@code timeout} field is SO_TIMEOUT.
 */
final class SocketReadInstrumentation implements TypeInstrumentation {

    private static final String IMPL = "sun/nio/ch/NioSocketImpl";
    private static final HookCall READ = HookCall.of(BLOCKING, "socketReadEnter",
            "(Ljava/lang/Object;ILjava/net/InetAddress;I)I",
            Push.reference(0), Push.field(IMPL, "timeout", "I"), Push.field(IMPL, "address", "Ljava/net/InetAddress;"),
            Push.field(IMPL, "port", "I"));

    @Override
    public String className() {
        return "sun.nio.ch.NioSocketImpl";
    }

    @Override
    public boolean addsLocals() {
        return true;
    }

    @Override
    public MethodVisitor visitMethod(MethodShape method, MethodVisitor visitor) {
        return method.is("read", "([BII)I") ? TimedHook.around(method, visitor, READ) : visitor;
    }
}
