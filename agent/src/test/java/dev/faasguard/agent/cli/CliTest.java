package dev.faasguard.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faasguard.agent.config.Option;
import dev.faasguard.agent.config.Options;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What the agent jar's command line says to a mistake, and that it attaches to nothing then. */
class CliTest {

    /** Above Linux's largest pid (2^22): no process has it. */
    private static final String NO_SUCH_PID = "99999999";

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return new Cli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpPrintsTheUsageOnStdout() {
        assertEquals(0, run("help"));
        assertEquals(Cli.USAGE_TEXT, stdout());
        assertEquals("", stderr());
    }

    @Test
    void noCommandIsAUsageError() {
        assertEquals(2, run());
        assertEquals("faasguard: no command given\n" + Cli.USAGE_TEXT, stderr());
    }

    @Test
    void anUnknownCommandIsAUsageError() {
        assertEquals(2, run("attack", "42"));
        assertEquals("faasguard: unknown command 'attack'\n" + Cli.USAGE_TEXT, stderr());
    }

    @Test
    void attachWithoutAPidIsAUsageError() {
        assertEquals(2, run("attach"));
        assertEquals("faasguard: attach needs the pid of a running JVM; 'list' shows them\n" + Cli.USAGE_TEXT, stderr());
    }

    @Test
    void aPidMustBeAPositiveNumber() {
        for (String pid : new String[] {"abc", "0", "-5", "12.5"}) {
            err.reset();
            assertEquals(2, run("attach", pid), pid);
            assertEquals("faasguard: '" + pid + "' is not a process id; 'list' shows the JVMs you can attach to\n" + Cli.USAGE_TEXT, stderr());
        }
    }

    @Test
    void aPidNoProcessHasIsAUsageError() {
        assertEquals(2, run("attach", NO_SUCH_PID));
        assertEquals("faasguard: no process " + NO_SUCH_PID + " is running; 'list' shows the JVMs you can attach to\n", stderr());
    }

    @Test
    void optionsMustBeKeyValue() {
        assertEquals(2, run("attach", NO_SUCH_PID, "report=/tmp/r.json", "enforce"));
        assertEquals("faasguard: 'enforce' is not an option: options are key=value, such as report=/tmp/faasguard.json\n"
                + Cli.USAGE_TEXT, stderr());
    }

    @Test
    void badOptionValuesAndUnknownOptionsAttachNothing() {
        assertEquals(2, run("attach", NO_SUCH_PID, "mode=loud", "colour=blue"));
        String options = Options.ALL.stream().map(Option::key).collect(java.util.stream.Collectors.joining(", "));
        assertEquals("""
                faasguard: unknown option agent argument colour is ignored; the options are %s
                faasguard: invalid value 'loud' for mode (agent argument): allowed is observe or enforce; using the default 'observe'
                faasguard: not attached: the agent would start with the warning above; correct the options and run attach again
                """.formatted(options), stderr());
    }

    @Test
    void aProcessThatIsNotAJvmIsRefusedAndNotSignalled() throws Exception {
        // JDK 17's attach API would send it SIGQUIT, which ends a process that is not a JVM.
        Process sleep = new ProcessBuilder("sleep", "60").start();
        try {
            assertEquals(2, run("attach", Long.toString(sleep.pid())));
            assertEquals("faasguard: process " + sleep.pid() + " (" + sleep.info().commandLine().orElseThrow()
                    + ") is not a JVM this user can attach to; 'list' shows the JVMs you can attach to\n", stderr());
            assertTrue(sleep.isAlive(), "sleep is still running");
        } finally {
            sleep.destroyForcibly();
        }
    }

    /** The test classes as a deployment package, with aws-lambda-java-core as the runtime provides it. */
    private static String functionClassPath() {
        String core = java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(entry -> entry.contains("aws-lambda-java-core")).findFirst().orElseThrow();
        return "target/test-classes" + java.io.File.pathSeparator + core;
    }

    @Test
    void checkHandlerSaysWhatTheRuntimeWouldFindWithoutRunningTheFunction() {
        assertEquals(0, run("check-handler", "--handler", "com.example.handlers.OrderHandler::handleRequest",
                functionClassPath()));
        assertEquals("handler com.example.handlers.OrderHandler::handleRequest: found; the runtime can call it\n", stdout());

        assertEquals(1, run("check-handler", "--handler", "com.example.handlers.OrderHandlr::handleRequest",
                functionClassPath()));
        assertTrue(stderr().startsWith("faasguard: handler-not-found: The handler com.example.handlers.OrderHandlr"
                + "::handleRequest cannot be called: class com.example.handlers.OrderHandlr is not on the function's class "
                + "path (closest: com.example.handlers.OrderHandler)"), stderr());
        assertTrue(stderr().contains("\n  fix: Did you mean com.example.handlers.OrderHandler?"), stderr());
    }

    @Test
    void checkHandlerRefusesWhatItCannotCheck() {
        assertEquals(2, run("check-handler", "com.example.handlers.OrderHandler"));
        assertTrue(stderr().startsWith("faasguard: check-handler needs --handler"), stderr());
        err.reset();
        assertEquals(2, run("check-handler", "--handler", "com.example.handlers.OrderHandler", "no/such.jar"));
        assertEquals("faasguard: no/such.jar does not exist\n", stderr());
        err.reset();
        assertEquals(2, run("check-handler", "--handler", "com.example.handlers.OrderHandler", "target/test-classes"));
        assertTrue(stderr().contains("add the aws-lambda-java-core jar"), stderr());
    }
}
