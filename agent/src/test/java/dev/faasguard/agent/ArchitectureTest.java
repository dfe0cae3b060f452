package dev.faasguard.agent;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The agent's packages depend one way, in the order the data flows: rules judge facts, findings record what
 * the rules found, the invocation monitor follows invocations, the hooks' sinks feed them, and the report and
 * telemetry read the result; {@code support} (the agent's log and threads) is a leaf everyone may use, and the
 * root package ({@link AgentRuntime}, the composition root) is the only one that knows them all.
 */
class ArchitectureTest {

    private static final JavaClasses AGENT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.faasguard.agent");

    @Test
    void thePackagesFormNoCycle() {
        slices().matching("dev.faasguard.agent.(*)..").should().beFreeOfCycles().check(AGENT);
    }

    @Test
    void eachLayerIsUsedOnlyByTheLayersAboveIt() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("support").definedBy("dev.faasguard.agent.support..")
                .layer("rule").definedBy("dev.faasguard.agent.rule..")
                .layer("config").definedBy("dev.faasguard.agent.config..")
                .layer("finding").definedBy("dev.faasguard.agent.finding..")
                .layer("invocation").definedBy("dev.faasguard.agent.invocation..")
                .layer("hook").definedBy("dev.faasguard.agent.hook..")
                .layer("telemetry").definedBy("dev.faasguard.agent.telemetry..")
                .layer("report").definedBy("dev.faasguard.agent.report..")
                .layer("instrument").definedBy("dev.faasguard.agent.instrument..")
                .layer("cli").definedBy("dev.faasguard.agent.cli..")
                .layer("root").definedBy("dev.faasguard.agent")
                .whereLayer("rule").mayOnlyBeAccessedByLayers("config", "finding", "invocation", "hook", "telemetry",
                        "report", "cli", "root")
                .whereLayer("config").mayOnlyBeAccessedByLayers("telemetry", "cli", "root")
                .whereLayer("finding").mayOnlyBeAccessedByLayers("invocation", "hook", "telemetry", "report", "root")
                .whereLayer("invocation").mayOnlyBeAccessedByLayers("hook", "telemetry", "report", "root")
                .whereLayer("hook").mayOnlyBeAccessedByLayers("root")
                .whereLayer("telemetry").mayOnlyBeAccessedByLayers("report", "root")
                .whereLayer("report").mayOnlyBeAccessedByLayers("root")
                .whereLayer("instrument").mayOnlyBeAccessedByLayers("root")
                .whereLayer("cli").mayOnlyBeAccessedByLayers("root")
                .whereLayer("root").mayOnlyBeAccessedByLayers("cli")
                .check(AGENT);
    }
}
