package dev.faasguard.bootstrap;

/** Per-thread hook state. Only threads that reached a slow path or a scoped operation have one. */
final class HookState {

    /** Above zero while the thread runs agent code: nothing it does is a finding. */
    int agentDepth;

    /**
     * Above zero inside an operation already judged as a whole (File.mkdirs, Files.createDirectories,
     * a FileHandler opening its files): the smaller operations it is made of are not judged again.
     */
    int scopeDepth;

    boolean quiet() {
        return agentDepth > 0 || scopeDepth > 0;
    }
}
