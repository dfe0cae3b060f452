package dev.faasguard.agent;

import dev.faasguard.agent.instrument.Instrumenter;
import dev.faasguard.agent.support.AgentLog;
import dev.faasguard.bootstrap.HookFailures;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The agent's own failures, each said once in its log; the application never sees them. */
final class AgentFailures implements HookFailures, Instrumenter.Failures {

    private final AgentLog log;
    private final Set<String> failedHooks = ConcurrentHashMap.newKeySet();

    AgentFailures(AgentLog log) {
        this.log = log;
    }

    @Override
    public void instrumentationFailed(String type, Throwable failure) {
        log.warn("could not instrument " + type + ", its calls are not watched: " + failure);
    }

    @Override
    public void hookFailed(String hook, Throwable failure) {
        if (failedHooks.add(hook)) {
            log.error("the " + hook + " hook failed and was skipped; the application is unaffected: " + failure);
        }
    }
}
