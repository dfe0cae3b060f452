package dev.faasguard.bootstrap;

/**
 * Entry points inserted into the application's own catch blocks: only those that drop the exception they caught
 * (neither rethrown, wrapped, logged with its stack nor kept), as the agent judged when the class loaded.
 */
public final class ExceptionHooks {

    private ExceptionHooks() {}

    /**
     * First thing in such a catch block: the exception, and where the block is (constants of the rewritten class).
     * Outside invocations (init, a JVM that runs none) it costs one volatile read.
     */
    public static void dropped(Throwable error, String className, String method, String file, int line) {
        if (!Hooks.invocationActive) {
            return;
        }
        AgentSinks target = Hooks.sink;
        if (target == null || error == null) {
            return;
        }
        HookState state = Hooks.state();
        if (!state.quiet()) {
            Hooks.guarded(Hooks.EXCEPTION_DROPPED, target, state, className, method, file, null, error, line, 0);
        }
    }
}
