package dev.faasguard.agent.instrument.files;

import static dev.faasguard.agent.instrument.HookCall.FILES;

import dev.faasguard.agent.instrument.EntryHook;
import dev.faasguard.agent.instrument.HookCall;
import dev.faasguard.agent.instrument.HookCall.Push;
import dev.faasguard.agent.instrument.MethodShape;
import dev.faasguard.agent.instrument.TypeInstrumentation;
import net.bytebuddy.jar.asm.MethodVisitor;

/** {@code RandomAccessFile.open(String, int)}: the hook itself lets the read-only mode through at once. */
final class RandomAccessFileInstrumentation implements TypeInstrumentation {

    private static final HookCall OPEN = HookCall.of(FILES, "randomAccessFileOpen", "(Ljava/lang/String;I)V",
            Push.reference(1), Push.integer(2));

    @Override
    public String className() {
        return "java.io.RandomAccessFile";
    }

    @Override
    public MethodVisitor visitMethod(MethodShape shape, MethodVisitor method) {
        String name = shape.name();
        String descriptor = shape.descriptor();
        return name.equals("open") && descriptor.equals("(Ljava/lang/String;I)V")
                ? EntryHook.call(method, OPEN)
                : method;
    }
}
