package dev.faasguard.agent.instrument;

import dev.faasguard.agent.instrument.blocking.BlockingInstrumentations;
import dev.faasguard.agent.instrument.files.FileInstrumentations;
import dev.faasguard.agent.instrument.invocation.InvocationInstrumentations;
import dev.faasguard.agent.instrument.snapshot.SnapshotInstrumentations;
import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * Every type the agent instruments: the union of the areas, each grouped as its hook class in the bootstrap is
 * ({@code files/} and {@code FileHooks}, {@code blocking/} and {@code BlockingHooks}, {@code invocation/} and
 * {@code InvocationHooks}, {@code snapshot/} and {@code SnapshotHooks}).
 */
public final class Instrumentations {

    public static final int ASM_API = Opcodes.ASM9;

    private Instrumentations() {}

    /**
     * @param handler {@code com.example.Fn::method} for hosts without the AWS runtime client, or null
     * @param deadlines whether invocations with a deadline can run here (the AWS runtime client is configured)
     */
    public static List<TypeInstrumentation> all(String handler, boolean deadlines) {
        List<TypeInstrumentation> all = new ArrayList<>(FileInstrumentations.all());
        all.addAll(BlockingInstrumentations.all(deadlines));
        all.addAll(InvocationInstrumentations.all(handler));
        all.addAll(SnapshotInstrumentations.all());
        return all;
    }
}
