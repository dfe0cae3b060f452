package dev.faasguard.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.swallowed.FixedQuoteHandler;
import com.example.swallowed.PriceCatalog;
import com.example.swallowed.QuoteHandler;
import com.example.swallowed.QuoteHost;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * swallowed-exception in a child JVM on JDK 17 and 25, invocations under {@code faasguard.handler}: a handler that
 * turns an exception thrown two calls down into a generic answer is one finding at its catch line, counted once per
 * invocation, with the exception and the line that threw it; nothing for the twin that logs it with its stack
 * (SLF4J on Logback), for what the JDK and a library (Jackson) catch themselves, for what init drops, nor with the
 * rule off (the default).
 */
class SwallowedExceptionsIT {

    private static SourceLines handler;
    private static SourceLines catalog;

    @BeforeAll
    static void readMarkers() throws Exception {
        handler = new SourceLines(QuoteHandler.class);
        catalog = new SourceLines(PriceCatalog.class);
    }

    static Stream<Path> jdks() {
        return ChildJvm.jdks();
    }

    /** The test classes, SLF4J, Logback and Jackson's core, as the function's class path. */
    private static String classPath() {
        String libraries = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> entry.contains("slf4j-api") || entry.contains("logback-") || entry.contains("jackson-core"))
                .collect(Collectors.joining(File.pathSeparator));
        return ChildJvm.testClasses() + File.pathSeparator + libraries;
    }

    private static ChildJvm.Result run(Path jdk, Class<?> function, String rule, String... events) throws Exception {
        ChildJvm child = ChildJvm.on(jdk).classpath(classPath())
                .property("faasguard.handler", function.getName() + "::handle");
        if (rule != null) {
            child.env("FAASGUARD_SWALLOWED", rule);
        }
        String which = function == FixedQuoteHandler.class ? "fixed" : "broken";
        return child.run(QuoteHost.class.getName(), Stream.concat(Stream.of(which), Stream.of(events))
                .toArray(String[]::new));
    }

    private static List<JsonNode> swallowed(ChildJvm.Result result) {
        return result.findings().stream().filter(f -> f.get("rule").asText().equals("swallowed-exception")).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void aDroppedExceptionIsOneFindingAtTheCatchLineCountedPerInvocation(Path jdk) throws Exception {
        ChildJvm.Result result = run(jdk, QuoteHandler.class, "on", "kiwi", "apple", "kiwi", "plum");

        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.stdout().contains("kiwi -> {\"error\":\"please try again later\"}"), result::toString);
        assertTrue(result.stdout().contains("apple -> {\"cents\":132}"), result::toString);
        List<JsonNode> swallowed = swallowed(result);
        assertEquals(1, swallowed.size(), result::toString);
        JsonNode finding = swallowed.get(0);
        assertEquals("warning", finding.get("severity").asText());
        assertEquals(QuoteHandler.class.getName(), finding.at("/callSite/class").asText(), result::toString);
        assertEquals("handle", finding.at("/callSite/method").asText());
        assertEquals(handler.of("swallowed"), finding.at("/callSite/line").asInt(), "the catch line");
        assertEquals(3, finding.get("count").asInt(), "kiwi, kiwi, plum: one per invocation that dropped one");
        assertEquals("java.lang.IllegalStateException", finding.at("/detail/exceptionType").asText());
        assertEquals("com.example.swallowed.PriceCatalog.lookup(PriceCatalog.java:" + catalog.of("thrown") + ")",
                finding.at("/detail/thrownAt").asText(), "the line that threw, two calls down");
        assertTrue(finding.at("/detail/thrownBy").isMissingNode(), "the application threw it itself");
        assertEquals("no price for 'kiwi' at https://prices.example.com/v1?product=kiwi&token=***",
                finding.at("/detail/exceptionMessage").asText(), "the first occurrence's message, its secret masked");
        assertFalse(result.toString().contains("s3cr3t"), result::toString);
        assertTrue(result.stderr().contains("swallowed-exception (warning) at " + QuoteHandler.class.getName()
                + ".handle(QuoteHandler.java:" + handler.of("swallowed") + ")"), result::toString);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void theTwinThatLogsTheStackAndTheJdksAndLibrariesOwnCatchesAreSilent(Path jdk) throws Exception {
        ChildJvm.Result result = run(jdk, FixedQuoteHandler.class, "on", "kiwi", "apple", "kiwi");

        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.stdout().contains("apple -> {\"cents\":120,\"cached\":false}"), result::toString);
        assertTrue(result.stdout().contains("WARN") || result.stderr().contains("no quote for kiwi"), result::toString);
        assertTrue((result.stdout() + result.stderr()).contains("at " + PriceCatalog.class.getName() + ".lookup"),
                "Logback printed the stack\n" + result);
        assertEquals(List.of(), swallowed(result), result::toString);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void offByDefaultAndWhenTurnedOff(Path jdk) throws Exception {
        for (String rule : new String[] {null, "off"}) {
            ChildJvm.Result result = run(jdk, QuoteHandler.class, rule, "kiwi", "plum");
            assertEquals(0, result.exitCode(), result::toString);
            assertEquals(List.of(), swallowed(result), result::toString);
        }
        ChildJvm.Result bad = run(jdk, QuoteHandler.class, "loud", "kiwi");
        assertTrue(bad.stderr().contains("invalid value 'loud' for FAASGUARD_SWALLOWED (environment variable): "
                + "allowed is on or off; using the default 'off'"), bad::toString);
        assertEquals(List.of(), swallowed(bad), bad::toString);
    }
}
