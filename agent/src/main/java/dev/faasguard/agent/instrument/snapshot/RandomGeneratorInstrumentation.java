package dev.faasguard.agent.instrument.snapshot;

import dev.faasguard.agent.instrument.ConstructedHook;
import dev.faasguard.agent.instrument.EntryHook;
import dev.faasguard.agent.instrument.HookCall;
import dev.faasguard.agent.instrument.MethodShape;
import dev.faasguard.agent.instrument.TypeInstrumentation;
import java.util.List;
import java.util.Map;
import net.bytebuddy.jar.asm.MethodVisitor;

/**
 * A random generator of the JDK: the constructors that seed it, and the methods every value it draws (or every new
 * seed it is given) goes through.
 */
final class RandomGeneratorInstrumentation implements TypeInstrumentation {

    private final String className;
    /** The descriptors of the constructors that set the seed themselves (not those that call another). */
    private final List<String> seedingConstructors;
    /** By name and descriptor ({@code next(I)I}): the hook each method calls at its entry. */
    private final Map<String, HookCall> entryHooks;

    RandomGeneratorInstrumentation(String className, List<String> seedingConstructors, Map<String, HookCall> entryHooks) {
        this.className = className;
        this.seedingConstructors = seedingConstructors;
        this.entryHooks = entryHooks;
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
        HookCall atEntry = entryHooks.get(method.name() + method.descriptor());
        return atEntry == null ? visitor : EntryHook.call(visitor, atEntry);
    }
}
