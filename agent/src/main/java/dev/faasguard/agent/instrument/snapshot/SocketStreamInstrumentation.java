package dev.faasguard.agent.instrument.snapshot;

import static dev.faasguard.agent.instrument.HookCall.SNAPSHOT;

import dev.faasguard.agent.instrument.EntryHook;
import dev.faasguard.agent.instrument.HookCall;
import dev.faasguard.agent.instrument.HookCall.Push;
import dev.faasguard.agent.instrument.MethodShape;
import dev.faasguard.agent.instrument.TypeInstrumentation;
import net.bytebuddy.jar.asm.MethodVisitor;

/**
 * A {@code Socket}'s input or output stream ({@code java.net.Socket$SocketInputStream}, {@code $SocketOutputStream}
 * on JDK 17 and 25): {@code read(byte[], int, int)} or {@code write(byte[], int, int)}, which the one-byte forms call
 * and an SSL socket's records go through, tells which socket ({@code parent}) is used after the restore.
 */
final class SocketStreamInstrumentation implements TypeInstrumentation {

    private final String className;
    private final String method;
    private final HookCall used;

    private SocketStreamInstrumentation(String stream, String method, String descriptor) {
        this.className = "java.net.Socket$" + stream;
        this.method = method + descriptor;
        this.used = HookCall.of(SNAPSHOT, "connectionUsed", "(Ljava/lang/Object;)V",
                Push.field("java/net/Socket$" + stream, "parent", "Ljava/net/Socket;"));
    }

    static SocketStreamInstrumentation input() {
        return new SocketStreamInstrumentation("SocketInputStream", "read", "([BII)I");
    }

    static SocketStreamInstrumentation output() {
        return new SocketStreamInstrumentation("SocketOutputStream", "write", "([BII)V");
    }

    @Override
    public String className() {
        return className;
    }

    @Override
    public MethodVisitor visitMethod(MethodShape shape, MethodVisitor visitor) {
        return (shape.name() + shape.descriptor()).equals(method) ? EntryHook.call(visitor, used) : visitor;
    }
}
