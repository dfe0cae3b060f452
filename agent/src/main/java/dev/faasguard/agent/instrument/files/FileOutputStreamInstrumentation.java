package dev.faasguard.agent.instrument.files;

import static dev.faasguard.agent.instrument.HookCall.FILES;

import dev.faasguard.agent.instrument.EntryHook;
import dev.faasguard.agent.instrument.HookCall;
import dev.faasguard.agent.instrument.HookCall.Push;
import dev.faasguard.agent.instrument.MethodShape;
import dev.faasguard.agent.instrument.TypeInstrumentation;
import net.bytebuddy.jar.asm.MethodVisitor;

/**
 * {@code FileOutputStream.open(String, boolean)}: the Java wrapper around the native open that every
 * file constructor reaches, and with it FileWriter, PrintStream and PrintWriter on a file name.
 */
final class FileOutputStreamInstrumentation implements TypeInstrumentation {

    private static final HookCall OPEN = HookCall.of(FILES, "fileOutputStreamOpen", "(Ljava/lang/String;Z)V",
            Push.reference(1), Push.integer(2));

    @Override
    public String className() {
        return "java.io.FileOutputStream";
    }

    @Override
    public MethodVisitor visitMethod(MethodShape shape, MethodVisitor method) {
        String name = shape.name();
        String descriptor = shape.descriptor();
        return name.equals("open") && descriptor.equals("(Ljava/lang/String;Z)V")
                ? EntryHook.call(method, OPEN)
                : method;
    }
}
