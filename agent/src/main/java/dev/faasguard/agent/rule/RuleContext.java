package dev.faasguard.agent.rule;

import dev.faasguard.bootstrap.WritableRoots;

/**
 * What rules need to know about the process they judge, gathered once when the agent starts.
 *
 * @param workingDirectory what relative paths are relative to
 * @param homeDirectory what {@code %h} in a java.util.logging pattern stands for
 * @param runtimeApi the platform's Runtime API, whose long polls are meant to wait
 */
public record RuleContext(WritableRoots roots, String workingDirectory, String tmpDirectory, String homeDirectory,
        FileProbe probe, RuntimeApiAddress runtimeApi) {}
