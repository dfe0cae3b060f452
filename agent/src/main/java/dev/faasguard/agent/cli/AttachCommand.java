package dev.faasguard.agent.cli;

import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;
import dev.faasguard.agent.FaasGuardAgent;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Properties;

/**
 * {@code attach <pid> [key=value ...]}: loads this jar as an agent into a running JVM of the same user,
 * and says plainly, on this command's own output, when the JVM refuses or already runs FaaSGuard.
 */
final class AttachCommand {

    private static final String DYNAMIC_AGENTS_OFF = "-XX:-EnableDynamicAgentLoading";
    private static final String DYNAMIC_AGENTS_ON = "-XX:+EnableDynamicAgentLoading";
    /** The first release that warns when an agent is loaded into a running JVM (JEP 451). */
    private static final int WARNS_ON_DYNAMIC_AGENTS = 21;

    private final PrintStream out;
    private final PrintStream err;

    AttachCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(long pid, String agentArguments) {
        VirtualMachineDescriptor listed = null;
        for (VirtualMachineDescriptor jvm : VirtualMachine.list()) {
            if (jvm.id().equals(Long.toString(pid))) {
                listed = jvm;
            }
        }
        if (listed == null && ProcessHandle.of(pid).isEmpty()) {
            err.println("faasguard: no process " + pid + " is running; 'list' shows the JVMs you can attach to");
            return Cli.USAGE;
        }
        if (listed == null && !JvmProcess.isJvm(pid)) {
            err.println("faasguard: process " + pid + " (" + JvmProcess.describe(pid) + ") is not a JVM this user can attach to; "
                    + "'list' shows the JVMs you can attach to");
            return Cli.USAGE;
        }
        String target = "JVM " + pid + " (" + (listed == null ? JvmProcess.describe(pid) : listed.displayName()) + ")";
        VirtualMachine jvm;
        try {
            // A JVM that is not listed (started with -XX:-UsePerfData, say) can still accept an attach.
            jvm = listed != null ? VirtualMachine.attach(listed) : VirtualMachine.attach(Long.toString(pid));
        } catch (AttachNotSupportedException refused) {
            err.println("faasguard: could not attach to " + target + ": " + refused.getMessage() + ".\n"
                    + "A JVM started with -XX:+DisableAttachMechanism accepts no agent while it runs: start it with\n"
                    + "-javaagent:" + agentJar() + (agentArguments.isEmpty() ? "" : "=" + agentArguments) + " instead.");
            return Cli.NOT_ATTACHED;
        } catch (IOException failed) {
            err.println("faasguard: could not attach to " + target + ": " + failed.getMessage() + ".\n"
                    + "Only the user a JVM runs as can attach to it, from the same machine or container.");
            return Cli.NOT_ATTACHED;
        }
        try {
            return load(jvm, target, agentArguments);
        } catch (IOException lost) {
            err.println("faasguard: lost the connection to " + target + ": " + lost.getMessage());
            return Cli.NOT_ATTACHED;
        } finally {
            detach(jvm);
        }
    }

    private int load(VirtualMachine jvm, String target, String agentArguments) throws IOException {
        String running = jvm.getSystemProperties().getProperty(FaasGuardAgent.VERSION_PROPERTY);
        if (running != null) {
            err.println("faasguard: FaaSGuard " + running + " is already running in " + target + "; not attached a second time");
            return Cli.NOT_ATTACHED;
        }
        String jvmArguments = jvm.getAgentProperties().getProperty("sun.jvm.args", "");
        if (jvmArguments.contains(DYNAMIC_AGENTS_OFF)) {
            err.println("faasguard: " + target + " was started with " + DYNAMIC_AGENTS_OFF + ", which forbids loading an agent "
                    + "while it runs: start it with -javaagent:" + agentJar() + " instead, or without that flag");
            return Cli.NOT_ATTACHED;
        }
        try {
            jvm.loadAgent(agentJar(), agentArguments);
        } catch (AgentLoadException | AgentInitializationException refused) {
            err.println("faasguard: " + target + " could not load the agent: " + refused.getMessage());
            return Cli.NOT_ATTACHED;
        }
        Properties system = jvm.getSystemProperties();
        String started = system.getProperty(FaasGuardAgent.VERSION_PROPERTY);
        if (started == null) {
            err.println("faasguard: the agent did not start in " + target + "; that JVM's stderr says why");
            return Cli.NOT_ATTACHED;
        }
        out.println("FaaSGuard " + started + " attached to " + target
                + ": findings are logged on its stderr, and written to its report when it exits");
        if (feature(system.getProperty("java.specification.version")) >= WARNS_ON_DYNAMIC_AGENTS
                && !jvmArguments.contains(DYNAMIC_AGENTS_ON)) {
            err.println("note: " + target + " runs Java " + system.getProperty("java.specification.version")
                    + " without " + DYNAMIC_AGENTS_ON + " on its command line, so the JVM itself printed on its stderr\n"
                    + "  \"WARNING: A Java agent has been loaded dynamically (" + agentJar() + ")\" and three more lines.\n"
                    + "  The agent runs all the same; start that JVM with " + DYNAMIC_AGENTS_ON + " to attach without the warning.");
        }
        return Cli.OK;
    }

    private static int feature(String specificationVersion) {
        try {
            return Runtime.Version.parse(specificationVersion).feature();
        } catch (RuntimeException unknown) {
            return 0;
        }
    }

    private void detach(VirtualMachine jvm) {
        try {
            jvm.detach();
        } catch (IOException alreadyGone) {
            // The connection is closed either way; the agent stays in the target.
        }
    }

    /** This jar, as an absolute path: the target resolves it against its own working directory. */
    private static String agentJar() {
        try {
            return Path.of(AttachCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .toAbsolutePath().toString();
        } catch (URISyntaxException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
