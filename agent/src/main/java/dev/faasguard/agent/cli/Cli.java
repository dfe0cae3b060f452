package dev.faasguard.agent.cli;

import dev.faasguard.agent.config.ConfigLoader;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * {@code java -jar faasguard-agent.jar list | attach <pid> [key=value ...] | check-handler ...}: the agent jar's
 * Main-Class. It checks the command line and hands over to {@link ListCommand}, {@link AttachCommand} or
 * {@link CheckHandlerCommand}. Nothing in
 * premain refers to this package, so an agent started with {@code -javaagent} never loads it.
 */
public final class Cli {

    static final int OK = 0;
    /** The agent was not attached: the JVM refused, or already runs it. */
    static final int NOT_ATTACHED = 1;
    static final int USAGE = 2;
    /** check-handler: the runtime could not call the handler. */
    static final int NOT_FOUND = 1;

    static final String USAGE_TEXT = """
            Usage: java -jar faasguard-agent.jar <command>
              list                          the JVMs of this user you can attach to: pid, then main class or jar and arguments
              attach <pid> [key=value ...]  starts FaaSGuard in that running JVM; key=value are the agent's options,
                                            as after -javaagent:faasguard-agent.jar= (mode, report, writableRoots, ...)
              check-handler --handler package.Class::method <jar or class path>
                                            what the AWS runtime client finds at init for that handler, without
                                            running the function: exit 1 when it cannot call it, with what is close
              help                          this text
            Exit status: 0 done, 1 not attached (refused or failed) or handler not found, 2 usage error.
            """;

    private final PrintStream out;
    private final PrintStream err;

    Cli(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new Cli(System.out, System.err).run(args));
    }

    int run(String... args) {
        if (args.length == 0) {
            return usage("no command given");
        }
        switch (args[0]) {
            case "list":
                if (args.length > 1) {
                    return usage("list takes no arguments");
                }
                return withAttachApi() ? new ListCommand(out, err).run() : NOT_ATTACHED;
            case "attach":
                return attach(args);
            case "check-handler":
                return checkHandler(args);
            case "help", "-h", "--help":
                out.print(USAGE_TEXT);
                return OK;
            default:
                return usage("unknown command '" + args[0] + "'");
        }
    }

    private int attach(String[] args) {
        if (args.length < 2) {
            return usage("attach needs the pid of a running JVM; 'list' shows them");
        }
        long pid;
        try {
            pid = Long.parseLong(args[1]);
        } catch (NumberFormatException notANumber) {
            pid = 0;
        }
        if (pid <= 0) {
            return usage("'" + args[1] + "' is not a process id; 'list' shows the JVMs you can attach to");
        }
        StringBuilder options = new StringBuilder();
        for (int i = 2; i < args.length; i++) {
            if (args[i].indexOf('=') <= 0) {
                return usage("'" + args[i] + "' is not an option: options are key=value, such as report=/tmp/faasguard.json");
            }
            options.append(options.length() == 0 ? "" : ",").append(args[i]);
        }
        if (!optionsAreValid(options.toString())) {
            return USAGE;
        }
        return withAttachApi() ? new AttachCommand(out, err).run(pid, options.toString()) : NOT_ATTACHED;
    }

    private int checkHandler(String[] args) {
        if (args.length != 4 || !args[1].equals("--handler")) {
            return usage("check-handler needs --handler package.Class::method and a jar or class path");
        }
        return new CheckHandlerCommand(out, err).run(args[2], args[3]);
    }

    /**
     * The target would warn about a bad option on its own stderr, which the user of this command may
     * never see: the same check runs here first, and nothing is attached until the options are right.
     */
    private boolean optionsAreValid(String options) {
        List<String> problems = new ArrayList<>();
        new ConfigLoader(options, new Properties(), Map.of(), problems::add).load();
        for (String problem : problems) {
            err.println("faasguard: " + problem);
        }
        if (!problems.isEmpty()) {
            err.println("faasguard: not attached: the agent would start with the warning above; correct the options and run attach again");
        }
        return problems.isEmpty();
    }

    /** A JRE, or a jlink image without jdk.attach, cannot attach: say so instead of failing on a missing class. */
    private boolean withAttachApi() {
        if (ModuleLayer.boot().findModule("jdk.attach").isPresent()) {
            return true;
        }
        err.println("faasguard: this Java runtime (" + System.getProperty("java.home") + ") has no jdk.attach module: "
                + "run the command with the java of a JDK");
        return false;
    }

    private int usage(String problem) {
        err.println("faasguard: " + problem);
        err.print(USAGE_TEXT);
        return USAGE;
    }
}
