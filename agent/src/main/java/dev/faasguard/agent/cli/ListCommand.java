package dev.faasguard.agent.cli;

import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** {@code list}: the JVMs this user can attach to, one per line, like {@code jps -m}: pid, then what runs. */
final class ListCommand {

    private final PrintStream out;
    private final PrintStream err;

    ListCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run() {
        String self = Long.toString(ProcessHandle.current().pid());
        List<VirtualMachineDescriptor> jvms = new ArrayList<>();
        for (VirtualMachineDescriptor jvm : VirtualMachine.list()) {
            if (!jvm.id().equals(self)) {
                jvms.add(jvm);
            }
        }
        if (jvms.isEmpty()) {
            err.println("faasguard: no JVM of this user found (one started with -XX:+DisableAttachMechanism is not listed, "
                    + "nor one started with -XX:-UsePerfData, which attach still takes by pid)");
            return Cli.OK;
        }
        jvms.sort(Comparator.comparingLong(jvm -> Long.parseLong(jvm.id())));
        for (VirtualMachineDescriptor jvm : jvms) {
            out.println(jvm.id() + "  " + jvm.displayName());
        }
        return Cli.OK;
    }
}
