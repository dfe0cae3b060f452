package dev.faasguard.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faasguard.agent.rule.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {

    private final List<String> warnings = new ArrayList<>();

    private AgentConfig load(String arguments, Properties properties, Map<String, String> environment) {
        return new ConfigLoader(arguments, properties, environment, warnings::add).load();
    }

    private static Properties properties(String... keyValues) {
        Properties properties = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            properties.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return properties;
    }

    @Test
    void nothingSetGivesTheDefaultsAndNoWarning() {
        AgentConfig config = load(null, new Properties(), Map.of());
        assertEquals(AgentConfig.defaults(), config);
        assertEquals(Optional.of("/tmp/faasguard/report.json"), config.reportPath());
        assertEquals(List.of(), warnings);
    }

    @Test
    void agentArgumentsAreKeyValuePairsAndListsContinueAfterCommas() {
        AgentConfig config = load("mode=enforce,writableRoots=/tmp,/mnt/efs,report=/tmp/r.json", new Properties(), Map.of());
        assertEquals(Mode.ENFORCE, config.mode());
        assertEquals(List.of("/tmp", "/mnt/efs"), config.writableRoots());
        assertEquals("/tmp/r.json", config.report());
        assertEquals(List.of(), warnings);
    }

    @Test
    void thePropertyPrefixIsAcceptedInAgentArguments() {
        assertEquals(Mode.ENFORCE, load("faasguard.mode=enforce", new Properties(), Map.of()).mode());
    }

    @Test
    void precedenceIsSystemPropertyThenEnvironmentThenAgentArgument() {
        assertEquals(Mode.OBSERVE, load("mode=enforce", properties("faasguard.mode", "observe"),
                Map.of("FAASGUARD_MODE", "enforce")).mode());
        assertEquals(Mode.ENFORCE, load("mode=observe", new Properties(), Map.of("FAASGUARD_MODE", "enforce")).mode());
    }

    @Test
    void environmentNamesSplitCamelCaseAndDots() {
        assertEquals("FAASGUARD_WRITABLE_ROOTS", Options.WRITABLE_ROOTS.environmentName());
        assertEquals("FAASGUARD_MODE", Options.MODE.environmentName());
        assertEquals("faasguard.writableRoots", Options.WRITABLE_ROOTS.propertyName());
    }

    @Test
    void aBadValueWarnsWithKeyValueAndAllowedAndFallsBackToTheDefault() {
        AgentConfig config = load("report=relative.json", properties("faasguard.mode", "LOUD"),
                Map.of("FAASGUARD_WRITABLE_ROOTS", "/tmp,var"));
        assertEquals(AgentConfig.defaults(), config);
        assertEquals(List.of(
                "invalid value 'LOUD' for faasguard.mode (system property): allowed is observe or enforce; using the default 'observe'",
                "invalid value 'relative.json' for report (agent argument): allowed is an absolute file path, or off; using the default '/tmp/faasguard/report.json'",
                "invalid value '/tmp,var' for FAASGUARD_WRITABLE_ROOTS (environment variable): allowed is a comma-separated list of absolute directories, e.g. /tmp,/mnt/efs; using the default '/tmp'"),
                warnings);
    }

    @Test
    void valuesAreTrimmedAndCaseInsensitiveWhereThatIsSafe() {
        assertEquals(Mode.ENFORCE, load(null, properties("faasguard.mode", " Enforce "), Map.of()).mode());
        assertEquals(Optional.empty(), load(null, properties("faasguard.report", "OFF"), Map.of()).reportPath());
    }

    @Test
    void theHtmlReportIsOffUnlessAPathIsGivenAsPropertyVariableOrArgument() {
        assertEquals(Optional.empty(), load(null, new Properties(), Map.of()).reportHtmlPath());
        assertEquals(Optional.of("/tmp/p.html"),
                load(null, properties("faasguard.report.html", "/tmp/p.html"), Map.of()).reportHtmlPath());
        assertEquals(Optional.of("/tmp/e.html"),
                load(null, new Properties(), Map.of("FAASGUARD_REPORT_HTML", "/tmp/e.html")).reportHtmlPath());
        assertEquals(Optional.of("/tmp/a.html"),
                load("report.html=/tmp/a.html,mode=enforce", new Properties(), Map.of()).reportHtmlPath());
        assertEquals(Optional.empty(), load("report.html=off", new Properties(), Map.of()).reportHtmlPath());
        assertEquals(List.of(), warnings);

        assertEquals(Optional.empty(), load(null, new Properties(), Map.of("FAASGUARD_REPORT_HTML", "report.html"))
                .reportHtmlPath());
        assertEquals(List.of("invalid value 'report.html' for FAASGUARD_REPORT_HTML (environment variable): allowed is"
                + " an absolute file path, or off; using the default 'off'"), warnings);
    }

    @Test
    void unknownKeysAndStrayArgumentsWarnOnce() {
        load("stray,colour=blue", properties("faasguard.modee", "enforce"), Map.of("FAASGUARD_COLOR", "x", "PATH", "/bin"));
        assertEquals(4, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("'stray' is not key=value"), warnings.get(0));
        assertTrue(warnings.stream().anyMatch(w -> w.startsWith("unknown option system property faasguard.modee is ignored")));
        assertTrue(warnings.stream().anyMatch(w -> w.startsWith("unknown option environment variable FAASGUARD_COLOR")));
        assertTrue(warnings.stream().anyMatch(w -> w.startsWith("unknown option agent argument colour")));
    }

    @Test
    void failOnIsASeverityOrOffReadFromFaasguardFailOn() {
        assertEquals("FAASGUARD_FAIL_ON", Options.FAIL_ON.environmentName());
        assertEquals(Optional.empty(), load(null, new Properties(), Map.of()).failOnSeverity());
        assertEquals(Optional.of(Severity.WARNING), load("failOn=Warning", new Properties(), Map.of()).failOnSeverity());
        assertEquals(Optional.of(Severity.ERROR), load(null, new Properties(), Map.of("FAASGUARD_FAIL_ON", "error")).failOnSeverity());
        assertEquals(Optional.empty(), load("failOn=off", properties("faasguard.failOn", "fatal"), Map.of()).failOnSeverity());
        assertEquals(List.of("invalid value 'fatal' for faasguard.failOn (system property): allowed is error, warning or off; "
                + "using the default 'off'"), warnings);
    }

    @Test
    void swallowedIsOnOrOffAndOffByDefault() {
        assertEquals("FAASGUARD_SWALLOWED", Options.SWALLOWED.environmentName());
        assertFalse(load(null, new Properties(), Map.of()).swallowed());
        assertTrue(load(null, new Properties(), Map.of("FAASGUARD_SWALLOWED", "ON")).swallowed());
        assertTrue(load("swallowed=on", new Properties(), Map.of()).swallowed());
        assertFalse(load("swallowed=on", properties("faasguard.swallowed", "off"), Map.of()).swallowed());
        assertFalse(load(null, properties("faasguard.swallowed", "yes"), Map.of()).swallowed());
        assertEquals(List.of("invalid value 'yes' for faasguard.swallowed (system property): allowed is on or off; "
                + "using the default 'off'"), warnings);
    }
}
