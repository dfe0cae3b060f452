package dev.faasguard.agent.instrument.blocking;

import static dev.faasguard.agent.instrument.HookCall.BLOCKING;

import dev.faasguard.agent.instrument.EntryHook;
import dev.faasguard.agent.instrument.HookCall;
import dev.faasguard.agent.instrument.HookCall.Push;
import dev.faasguard.agent.instrument.MethodShape;
import dev.faasguard.agent.instrument.TimedHook;
import dev.faasguard.agent.instrument.TypeInstrumentation;
import dev.faasguard.agent.instrument.snapshot.SnapshotInstrumentations;
import java.util.Set;
import net.bytebuddy.jar.asm.MethodVisitor;

/**
 * {@code SocketChannel.connect} (and {@code SocketChannel.open(address)}), which has no timeout when blocking; and its
 * reads and writes, which name the first use of a channel init left open after a SnapStart restore.
 */
final class SocketChannelInstrumentation implements TypeInstrumentation {

    private static final HookCall CONNECT = HookCall.of(BLOCKING, "socketChannelConnectEnter",
            "(Ljava/nio/channels/SocketChannel;Ljava/net/SocketAddress;)I", Push.reference(0), Push.reference(1));
    private static final Set<String> READS_AND_WRITES = Set.of("read(Ljava/nio/ByteBuffer;)I",
            "read([Ljava/nio/ByteBuffer;II)J", "write(Ljava/nio/ByteBuffer;)I", "write([Ljava/nio/ByteBuffer;II)J");

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
        if (method.is("connect", "(Ljava/net/SocketAddress;)Z")) {
            return TimedHook.around(method, visitor, CONNECT);
        }
        return READS_AND_WRITES.contains(method.name() + method.descriptor())
                ? EntryHook.call(visitor, SnapshotInstrumentations.CONNECTION_USED)
                : visitor;
    }
}
