package dev.faasguard.agent.instrument.snapshot;

import dev.faasguard.agent.instrument.ConstructedHook;
import dev.faasguard.agent.instrument.EntryHook;
import dev.faasguard.agent.instrument.MethodShape;
import dev.faasguard.agent.instrument.TypeInstrumentation;
import java.util.List;
import net.bytebuddy.jar.asm.MethodVisitor;

/** A random generator of the JDK: the constructors that seed it, and the one method every value it draws comes from. */
final class RandomGeneratorInstrumentation implements TypeInstrumentation {

    private final String className;
    /** The descriptors of the constructors that set the seed themselves (not those that call another). */
    private final List<String> seedingConstructors;
    private final String drawName;
    private final String drawDescriptor;

    RandomGeneratorInstrumentation(String className, List<String> seedingConstructors, String drawName,
            String drawDescriptor) {
        this.className = className;
        this.seedingConstructors = seedingConstructors;
        this.drawName = drawName;
        this.drawDescriptor = drawDescriptor;
    }

    @Override
    public String className() {
        return className;
    }

    @Override
    public MethodVisitor visitMethod(MethodShape method, MethodVisitor visitor) {
        if (method.name().equals("<init>") && seedingConstructors.contains(method.descriptor())) {
            return ConstructedHook.passing(visitor, SnapshotInstrumentations.SEEDED);
        }
        return method.is(drawName, drawDescriptor) ? EntryHook.call(visitor, SnapshotInstrumentations.USED) : visitor;
    }
}
