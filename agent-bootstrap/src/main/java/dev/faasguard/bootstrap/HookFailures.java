package dev.faasguard.bootstrap;

/** Where a hook's own failure goes: the agent says so once, the application carries on. */
public interface HookFailures {

    void hookFailed(String hook, Throwable failure);
}
