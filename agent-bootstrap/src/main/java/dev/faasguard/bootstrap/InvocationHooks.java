package dev.faasguard.bootstrap;

/**
 * The invocation hooks: the runtime client receiving an invocation and reporting its end, the handler named by
 * {@code faasguard.handler}, the threads an invocation starts, uncaught exceptions, and the JVM's exit.
 */
public final class InvocationHooks {

    private InvocationHooks() {}

    /**
     * At the return of the runtime client's {@code nextInvocation()}: an invocation starts on this
     * thread. The request is the client's own type, which only the agent's side reads.
     */
    public static void invocationStart(Object request) {
        AgentSinks target = Hooks.sink;
        HookState state = Hooks.state();
        if (target == null || request == null || state.agentDepth > 0) {
            return;
        }
        if (state.runsInvocation) {
            // This thread's previous one never reported (its handler hung, or the client was restored): close it first.
            invocationEnd(false);
        }
        Hooks.invocationRunning(state);
        tell(Hooks.INVOCATION_STARTED, target, null, request, 0, 0);
    }

    /**
     * Entry of the handler named by {@code faasguard.handler}: an invocation starts, unless this thread runs one
     * already (the runtime client's, or an outer call of the same handler).
     *
     * @return 1 when this call started the invocation, else 0
     */
    public static int handlerEnter() {
        AgentSinks target = Hooks.sink;
        HookState state = Hooks.state();
        if (target == null || state.runsInvocation || state.agentDepth > 0) {
            return 0;
        }
        Hooks.invocationRunning(state);
        tell(Hooks.INVOCATION_STARTED, target, null, null, 0, 0);
        return 1;
    }

    /**
     * At the entry of the runtime client's {@code nextInvocation()}: the last response has gone back (or init is
     * done), and the platform may freeze the process while it waits for the next event.
     */
    public static void awaitingNextInvocation() {
        AgentSinks target = Hooks.sink;
        if (target != null && Hooks.state().agentDepth == 0) {
            tell(Hooks.AWAITING_NEXT_INVOCATION, target, null, null, 0, 0);
        }
    }

    /**
     * Entry of the runtime client's {@code restoreNext()} under SnapStart: the checkpoint hooks have run and the
     * client asks the platform to take the snapshot; the call returns in each restored copy.
     */
    public static void snapshotTaking() {
        AgentSinks target = Hooks.sink;
        if (target != null && Hooks.state().agentDepth == 0) {
            SnapshotHooks.checkpoint(target);
            tell(Hooks.SNAPSHOT_TAKING, target, null, null, 0, 0);
        }
    }

    /** When {@code restoreNext()} returns or throws: this copy runs from the snapshot. */
    public static void restored() {
        AgentSinks target = Hooks.sink;
        if (target != null && Hooks.state().agentDepth == 0) {
            SnapshotHooks.restored(target);
            tell(Hooks.RESTORED, target, null, null, 0, 0);
        }
    }

    /** The handler returned ({@code thrown} null) or threw. */
    public static void handlerExit(int token, Throwable thrown) {
        if (token == 0) {
            return;
        }
        if (thrown != null) {
            invocationFailed(thrown);
        }
        invocationEnd(thrown == null);
    }

    /** At the entry of the runtime client's {@code reportInvocationSuccess} / {@code reportInvocationError}. */
    public static void invocationEnd(boolean success) {
        AgentSinks target = Hooks.sink;
        HookState state = Hooks.state();
        if (target == null || state.agentDepth > 0) {
            return;
        }
        tell(Hooks.INVOCATION_ENDED, target, null, null, success ? 1 : 0, 0);
        Hooks.invocationOver(state);
    }

    /** The runtime client turns the handler's exception into the error it reports. */
    public static void invocationFailed(Throwable error) {
        AgentSinks target = Hooks.sink;
        if (target != null && Hooks.state().agentDepth == 0) {
            tell(Hooks.INVOCATION_FAILED, target, null, error, 0, 0);
        }
    }

    /** {@code Thread.start()}: threads started during an invocation are followed until it ends. */
    public static void threadStart(Thread thread) {
        AgentSinks target = Hooks.sink;
        if (!Hooks.invocationActive || target == null || Hooks.state().agentDepth > 0) {
            return;
        }
        tell(Hooks.THREAD_STARTED, target, null, thread, 0, 0);
    }

    /** Return of the runtime client's {@code AWSLambda.findRequestHandler(name, loader)}, at init. */
    public static void handlerResolved(Object handler, String name, ClassLoader loader) {
        AgentSinks target = Hooks.sink;
        if (target != null && name != null && Hooks.state().agentDepth == 0) {
            Hooks.guarded(Hooks.HANDLER_RESOLVED, target, Hooks.state(), name, null, null, handler, loader, 0, 0);
        }
    }

    /**
     * At the end of the static initializer of an application class with a static field that may hold a collection
     * or a map: the class is initialized now (or about to be, on this thread), so reading its fields later
     * initializes nothing. Once per such class.
     */
    public static void classInitialized(Class<?> type) {
        AgentSinks target = Hooks.sink;
        if (target != null && type != null && Hooks.state().agentDepth == 0) {
            tell(Hooks.CLASS_INITIALIZED, target, null, type, 0, 0);
        }
    }

    /**
     * Entry of the instance method named by {@code faasguard.handler}: the object it runs on, whose fields live as
     * long as the host keeps it. Once per invocation.
     */
    public static void handlerInstance(Object handler) {
        AgentSinks target = Hooks.sink;
        if (target != null && handler != null && Hooks.state().agentDepth == 0) {
            tell(Hooks.HANDLER_INSTANCE, target, null, handler, 0, 0);
        }
    }

    /** Entry of the runtime client's {@code UserFault.makeInitErrorUserFault(error, className)}, at init. */
    public static void handlerInitFailed(Throwable error, String className) {
        AgentSinks target = Hooks.sink;
        if (target != null && Hooks.state().agentDepth == 0) {
            Hooks.guarded(Hooks.HANDLER_INIT_FAILED, target, Hooks.state(), className, null, null, null, error, 0, 0);
        }
    }

    /**
     * Entry of {@code ThreadPoolExecutor.execute}, and where a {@code ForkJoinTask} is pushed to a pool's queue: a
     * task handed to a pool during an invocation works for the invocation (or the thread it started) that handed it,
     * whichever pool thread runs it.
     */
    public static void taskSubmitted(Object task) {
        AgentSinks target = Hooks.sink;
        if (!Hooks.invocationActive || target == null || task == null || Hooks.state().agentDepth > 0) {
            return;
        }
        tell(Hooks.TASK_SUBMITTED, target, null, task, 0, 0);
    }

    /** Entry of {@code ThreadPoolExecutor.beforeExecute}: a pool thread is about to run {@code task}. */
    public static void taskStarting(Runnable task) {
        AgentSinks target = Hooks.sink;
        if (target != null && task != null && Hooks.state().agentDepth == 0) {
            tell(Hooks.TASK_STARTING, target, null, task, 0, 0);
        }
    }

    /** Entry of {@code ThreadPoolExecutor.afterExecute}: the pool thread's task is done. */
    public static void taskFinished() {
        AgentSinks target = Hooks.sink;
        if (target != null && Hooks.state().agentDepth == 0) {
            tell(Hooks.TASK_FINISHED, target, null, null, 0, 0);
        }
    }

    /**
     * Entry of {@code ForkJoinTask.doExec()}, through which a pool thread runs a task, and a thread that joins or
     * invokes one runs it itself, possibly inside another task (a worker helps while it joins): the task works for
     * whoever pushed it until {@link #forkJoinTaskDone}. Only told while an invocation runs.
     *
     * @return 1 when the task works for an invocation and is put on this thread until {@code forkJoinTaskDone(1)}
     */
    public static int forkJoinTaskRunning(Object task) {
        AgentSinks target = Hooks.sink;
        if (!Hooks.invocationActive || target == null) {
            return 0;
        }
        HookState state = Hooks.state();
        return state.agentDepth > 0 ? 0
                : Hooks.guarded(Hooks.FORK_JOIN_TASK_RUNNING, target, state, null, null, null, null, task, 0, 0);
    }

    /** When {@code ForkJoinTask.doExec()} returns or throws: the task (if token is 1) is done, the one it ran in, if any, resumes. */
    public static void forkJoinTaskDone(int token) {
        AgentSinks target = Hooks.sink;
        if (token != 0 && target != null) {
            tell(Hooks.FORK_JOIN_TASK_DONE, target, null, null, 0, 0);
        }
    }

    /**
     * {@code Thread.exit()}, the VM's last call on a dying platform thread, or a virtual thread's end, each after the
     * thread's uncaught exception, if any, was told: what the agent keeps for a thread it follows goes now, not once
     * a later GC has cleared a weak reference to the thread (which it cannot while the VM still holds a thread that
     * is winding down) and a later access has expunged it. Told outside invocations too: a thread outlives the
     * invocation that started it.
     */
    public static void threadExit(Thread thread) {
        AgentSinks target = Hooks.sink;
        if (target != null) {
            tell(Hooks.THREAD_ENDED, target, null, thread, 0, 0);
        }
    }

    /**
     * Entry of {@code java.lang.ref.Finalizer.runFinalization()}, behind {@code System.runFinalization()}: the JDK
     * starts its "Secondary finalizer" thread and joins it, on its own behalf. Until {@link #jdkHousekeepingExit}
     * the calling thread is quiet, as in agent code: that start is not followed and that join not judged, so a
     * library that loops on runFinalization and gc until the heap settles pays no stack walk and finds nothing of
     * the agent's left on the heap after each round. The finalizers themselves run on the secondary thread, watched.
     */
    public static void jdkHousekeepingEnter() {
        Hooks.state().agentDepth++;
    }

    /** Runs when {@code Finalizer.runFinalization()} returns or throws. */
    public static void jdkHousekeepingExit() {
        HookState state = Hooks.state();
        if (state.agentDepth > 0) {
            state.agentDepth--;
        }
    }

    /** {@code Thread.dispatchUncaughtException}: the JVM hands a dying thread's exception to its handler. */
    public static void uncaughtException(Thread thread, Throwable error) {
        AgentSinks target = Hooks.sink;
        if (target != null && Hooks.state().agentDepth == 0) {
            tell(Hooks.UNCAUGHT_EXCEPTION, target, thread, error, 0, 0);
        }
    }

    /** {@code Runtime.exit} and {@code Runtime.halt}. */
    public static void runtimeExit(int status, boolean halt) {
        AgentSinks target = Hooks.sink;
        if (target != null && Hooks.state().agentDepth == 0) {
            tell(Hooks.RUNTIME_EXIT, target, null, null, status, halt ? 1 : 0);
        }
    }

    /** One lifecycle event, through the guard. */
    private static void tell(int call, AgentSinks target, Object d, Object e, long x, long y) {
        Hooks.guarded(call, target, Hooks.state(), null, null, null, d, e, x, y);
    }
}
