package dev.faasguard.bootstrap;

import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;
/**
 * The hook runtime: the sinks the agent installed ({@link AgentSinks}), the writable roots, the enforce flag, the
 * running invocation's deadline, the per-thread {@link HookState}, scopes, and the one guard every sink call goes
 * through ({@link #guarded}). The entry points instrumented JDK methods call live in one class per area:
 * {@link FileHooks}, {@link BlockingHooks}, {@link InvocationHooks}. Each gathers no more than it is given, takes
 * the fast path out when the operation cannot be a finding, and otherwise hands the facts to the guard. A hook
 * never lets its own failure reach the application; the only exceptions it throws are the ones enforce mode asks
 * for.
 */
public final class Hooks {

    private static final ThreadLocal<HookState> STATE = new ThreadLocal<>();

    static volatile AgentSinks sink;
    static volatile WritableRoots roots = WritableRoots.TMP_ONLY;
    /** What the roots' directories really are once symbolic links are followed; replaced with the roots. */
    static volatile RealDirectories realDirectories = new RealDirectories(WritableRoots.TMP_ONLY);
    static volatile boolean enforce;
    /**
     * True while at least one invocation runs (several do at once under Lambda Managed Instances): only then is a
     * started thread, a pooled task or a /tmp write worth telling.
     */
    static volatile boolean invocationActive;
    /** How many invocations run now, each counted on the thread that runs it; guarded by {@link #RUNNING_LOCK}. */
    private static int runningInvocations;
    private static final Object RUNNING_LOCK = new Object();
    /**
     * The earliest deadline (epoch ms) of the invocations running now, 0 when none: a timeout that fits in what it
     * leaves fits every invocation, and only a longer one goes to the agent, which judges it against the deadline
     * of the invocation the calling thread works for. Deliberately not volatile: every timed call reads it, and a
     * thread that sees a change a moment late only delays a warning.
     */
    static long deadline;

    private Hooks() {}

    /** Whether an agent is plugged in already: a second -javaagent or an attach must not start another. */
    public static boolean installed() {
        return sink != null;
    }

    /** Plugs the agent in. Until this runs, every hook returns at once. */
    public static void install(AgentSinks agentSinks, WritableRoots writableRoots, boolean enforceMode) {
        roots = writableRoots;
        realDirectories = new RealDirectories(writableRoots);
        enforce = enforceMode;
        sink = agentSinks;
    }

    /**
     * Where an absolute path really leads, its directory's symbolic links followed: what the agent judges a write
     * by. It shares the hot path's table of directories, so a write repeated outside /tmp resolves its directory
     * once, and forgets it when the hot path does.
     */
    public static String realPath(String absolutePath) {
        return realDirectories.realPath(absolutePath);
    }

    /**
     * Symbolic links a walk of /tmp found (another process, or native code, made them): those inside the roots that
     * lead out of them are remembered, and a write through one of them leaves the fast path ({@link LeafLinks}).
     */
    public static void symbolicLinksFound(Iterable<String> absolutePaths) {
        RealDirectories real = realDirectories;
        WritableRoots writable = roots;
        for (String path : absolutePaths) {
            String target = LeafLinks.follow(path);
            if (target != null && writable.quickContains(path) && !writable.containsReal(target)) {
                real.leafLinks().add(path);
            }
        }
    }

    /**
     * Where a file opened for writing really is: {@link #realPath}, and the file's own name followed when it is a
     * symbolic link known inside the roots, or any link outside them.
     */
    public static String openedRealPath(String absolutePath) {
        return realDirectories.openedRealPath(absolutePath);
    }

    /** Marks the current thread as the agent's own for good (its reporter and shutdown threads). */
    public static void markAgentThread() {
        state().agentDepth = 1 << 20;
        registerAgentThread(Thread.currentThread());
    }

    /** The agent's own threads, held weakly: the JDK joins the agent's exit hook, which is no finding. */
    private static final Set<Thread> AGENT_THREADS = Collections.newSetFromMap(new WeakHashMap<>());

    /** Called by whoever creates one of the agent's threads, before it starts: waiting for it is never judged. */
    public static void registerAgentThread(Thread thread) {
        synchronized (AGENT_THREADS) {
            AGENT_THREADS.add(thread);
        }
    }

    static boolean isAgentThread(Thread thread) {
        synchronized (AGENT_THREADS) {
            return AGENT_THREADS.contains(thread);
        }
    }

    /** Brackets agent work done on an application thread, so its I/O is never a finding. */
    public static void enterAgentCode() {
        state().agentDepth++;
    }

    public static void exitAgentCode() {
        state().agentDepth--;
    }

    /** Sets the earliest deadline (epoch ms) of the running invocations (or of init), 0 when there is none. */
    public static void deadline(long epochMillis) {
        deadline = epochMillis;
    }

    /** This thread starts running an invocation. */
    static void invocationRunning(HookState state) {
        synchronized (RUNNING_LOCK) {
            if (!state.runsInvocation) {
                state.runsInvocation = true;
                runningInvocations++;
                invocationActive = true;
            }
        }
        realDirectories.forgetAll();
    }

    /** This thread's invocation has ended. */
    static void invocationOver(HookState state) {
        synchronized (RUNNING_LOCK) {
            if (state.runsInvocation) {
                state.runsInvocation = false;
                runningInvocations--;
                invocationActive = runningInvocations > 0;
            }
        }
    }

    // ---- per-thread state and scopes ----------------------------------------------------------

    /** This thread's state, created the first time a thread reaches a slow path or a scope. */
    static HookState state() {
        HookState state = STATE.get();
        if (state == null) {
            state = new HookState();
            STATE.set(state);
        }
        return state;
    }

    /** Opens a scope: the smaller operations the scoped one is made of are not judged again. */
    static void enterScope() {
        state().scopeDepth++;
    }

    /** Runs when a scoped method returns or throws. */
    public static void exitScope() {
        HookState state = STATE.get();
        if (state != null && state.scopeDepth > 0) {
            state.scopeDepth--;
        }
    }

    // ---- the guard --------------------------------------------------------------------------------
    // Every call into a sink, one kind each. The guard takes them as a number and a fixed set of arguments rather
    // than as a callback: a callback carrying its arguments is one allocation per call, a switch is none.

    /** {@link FileSink#fileWrite}(operation a, path b, otherPath c): 1 when it writes outside the roots. */
    static final int FILE_WRITE = 0;
    /** {@link InvocationSink#tmpChanging}(path a, removing x != 0, notThere y != 0). */
    static final int TMP_CHANGING = 1;
    /** {@link BlockingSink#blockingCallStarted}(kind a, operation b, subject c, missing d, resource e): the id. */
    static final int BLOCKING_STARTED = 2;
    /** {@link BlockingSink#blockingCallEnded}(id x). */
    static final int BLOCKING_ENDED = 3;
    /** {@link InvocationSink#timeoutExceedsDeadline}(operation a, timeout x, remaining y, resource e). */
    static final int TIMEOUT_EXCEEDS_DEADLINE = 4;
    /** {@link InvocationSink#invocationStarted}(request e). */
    static final int INVOCATION_STARTED = 5;
    /** {@link InvocationSink#invocationEnded}(success x != 0). */
    static final int INVOCATION_ENDED = 6;
    /** {@link InvocationSink#invocationFailed}(error e). */
    static final int INVOCATION_FAILED = 7;
    /** {@link InvocationSink#threadStarted}(thread e). */
    static final int THREAD_STARTED = 8;
    /** {@link InvocationSink#uncaughtException}(thread d, error e). */
    static final int UNCAUGHT_EXCEPTION = 9;
    /** {@link InvocationSink#runtimeExit}(status x, halt y != 0). */
    static final int RUNTIME_EXIT = 10;
    /** {@link InvocationSink#threadEnded}(thread e). */
    static final int THREAD_ENDED = 11;
    /** {@link InvocationSink#awaitingNextInvocation}(). */
    static final int AWAITING_NEXT_INVOCATION = 12;
    /** {@link InvocationSink#snapshotTaking}(). */
    static final int SNAPSHOT_TAKING = 13;
    /** {@link InvocationSink#restored}(). */
    static final int RESTORED = 14;
    /** {@link InvocationSink#tmpCreated}(path a). */
    static final int TMP_CREATED = 15;
    /** {@link InvocationSink#taskSubmitted}(task e). */
    static final int TASK_SUBMITTED = 16;
    /** {@link InvocationSink#taskStarting}(task e). */
    static final int TASK_STARTING = 17;
    /** {@link InvocationSink#taskFinished}(). */
    static final int TASK_FINISHED = 18;
    /** {@link SnapshotSink}: randomSeeded(e), randomUsed(e, x != 0) (1 for true), connecting(e, d), checkpoint(), afterRestore(). */
    static final int RANDOM_SEEDED = 19, RANDOM_USED = 20, CONNECTING = 21, CHECKPOINT = 22, SNAPSHOT_RESTORED = 23;
    /** {@link InvocationSink#handlerResolved}(handler d, name a, loader e). */
    static final int HANDLER_RESOLVED = 24;
    /** {@link InvocationSink#handlerInitFailed}(error e, class name a). */
    static final int HANDLER_INIT_FAILED = 25;
    /** {@link FileSink#embeddedDatabaseOpening}(url a). */
    static final int EMBEDDED_DATABASE = 26;
    /** {@link ExceptionSink#exceptionDropped}(error e, class a, method b, file c, line x). */
    static final int EXCEPTION_DROPPED = 27;
    /** {@link InvocationSink#forkJoinTaskRunning}(task e): 1 when it works for an invocation. */
    static final int FORK_JOIN_TASK_RUNNING = 32;
    /** {@link InvocationSink#forkJoinTaskDone}(). */
    static final int FORK_JOIN_TASK_DONE = 33;
    /** {@link SnapshotSink#connectionUsed}(connection e), {@link SnapshotSink#connectionsCrossed}(): 1 for true. */
    static final int CONNECTION_USED = 34, CONNECTIONS_CROSSED = 35;
    /** {@link InvocationSink#classInitialized}(class e). */
    static final int CLASS_INITIALIZED = 28;
    /** {@link InvocationSink#handlerInstance}(handler e). */
    static final int HANDLER_INSTANCE = 29;

    /**
     * The guard: runs one sink call as agent code (whatever the sink does on this thread is no finding), and
     * keeps its failure out of the application: it goes to {@link HookFailures} and the call answers 0.
     * The caller has checked that the thread is not {@link HookState#quiet() quiet} where that matters.
     *
     * @return what the sink answered ({@link #FILE_WRITE}: 1 for true; {@link #BLOCKING_STARTED}: the id), else 0
     */
    static int guarded(int call, AgentSinks target, HookState state, String a, String b, String c, Object d,
            Object e, long x, long y) {
        state.agentDepth++;
        try {
            switch (call) {
                case FILE_WRITE:
                    return target.files().fileWrite(a, b, c) ? 1 : 0;
                case TMP_CHANGING:
                    target.invocations().tmpChanging(a, x != 0, y != 0);
                    return 0;
                case BLOCKING_STARTED:
                    return target.blocking().blockingCallStarted(a, b, c, (String) d, e);
                case BLOCKING_ENDED:
                    target.blocking().blockingCallEnded((int) x);
                    return 0;
                case TIMEOUT_EXCEEDS_DEADLINE:
                    target.invocations().timeoutExceedsDeadline(a, x, y, e);
                    return 0;
                case INVOCATION_STARTED:
                    target.invocations().invocationStarted(e);
                    return 0;
                case INVOCATION_ENDED:
                    target.invocations().invocationEnded(x != 0);
                    return 0;
                case INVOCATION_FAILED:
                    target.invocations().invocationFailed((Throwable) e);
                    return 0;
                case THREAD_STARTED:
                    target.invocations().threadStarted((Thread) e);
                    return 0;
                case UNCAUGHT_EXCEPTION:
                    target.invocations().uncaughtException((Thread) d, (Throwable) e);
                    return 0;
                case RUNTIME_EXIT:
                    target.invocations().runtimeExit((int) x, y != 0);
                    return 0;
                case THREAD_ENDED:
                    target.invocations().threadEnded((Thread) e);
                    return 0;
                case AWAITING_NEXT_INVOCATION:
                    target.invocations().awaitingNextInvocation();
                    return 0;
                case SNAPSHOT_TAKING:
                    target.invocations().snapshotTaking();
                    return 0;
                case RESTORED:
                    target.invocations().restored();
                    return 0;
                case TMP_CREATED:
                    target.invocations().tmpCreated(a);
                    return 0;
                case TASK_SUBMITTED:
                    target.invocations().taskSubmitted(e);
                    return 0;
                case TASK_STARTING:
                    target.invocations().taskStarting(e);
                    return 0;
                case TASK_FINISHED:
                    target.invocations().taskFinished();
                    return 0;
                case RANDOM_SEEDED:
                    target.snapshots().randomSeeded(e);
                    return 0;
                case RANDOM_USED:
                    return target.snapshots().randomUsed(e, x != 0) ? 1 : 0;
                case CONNECTING:
                    target.snapshots().connecting(e, d);
                    return 0;
                case CHECKPOINT:
                    target.snapshots().checkpoint();
                    return 0;
                case SNAPSHOT_RESTORED:
                    return target.snapshots().afterRestore() ? 1 : 0;
                case HANDLER_RESOLVED:
                    target.invocations().handlerResolved(d, a, (ClassLoader) e);
                    return 0;
                case HANDLER_INIT_FAILED:
                    target.invocations().handlerInitFailed((Throwable) e, a);
                    return 0;
                case EMBEDDED_DATABASE:
                    target.files().embeddedDatabaseOpening(a);
                    return 0;
                case EXCEPTION_DROPPED:
                    target.exceptions().exceptionDropped((Throwable) e, a, b, c, (int) x);
                    return 0;
                case FORK_JOIN_TASK_RUNNING:
                    return target.invocations().forkJoinTaskRunning(e) ? 1 : 0;
                case FORK_JOIN_TASK_DONE:
                    target.invocations().forkJoinTaskDone();
                    return 0;
                case CONNECTION_USED:
                    return target.snapshots().connectionUsed(e) ? 1 : 0;
                case CONNECTIONS_CROSSED:
                    return target.snapshots().connectionsCrossed() ? 1 : 0;
                case CLASS_INITIALIZED:
                    target.invocations().classInitialized((Class<?>) e);
                    return 0;
                case HANDLER_INSTANCE:
                    target.invocations().handlerInstance(e);
                    return 0;
                default:
                    throw new IllegalArgumentException("no sink call " + call);
            }
        } catch (Throwable failure) {
            reportFailure(target, hookName(call, a, b), failure);
            return 0;
        } finally {
            state.agentDepth--;
        }
    }

    /** The name a failure is reported under: the file operation, the blocking call, or what the hook does. */
    private static String hookName(int call, String a, String b) {
        switch (call) {
            case FILE_WRITE:
                return a;
            case TMP_CHANGING:
            case TMP_CREATED:
                return "tmp-write";
            case BLOCKING_STARTED:
                return b;
            case BLOCKING_ENDED:
                return "blocking-exit";
            case TIMEOUT_EXCEEDS_DEADLINE:
                return "timeout-exceeds-deadline";
            case RANDOM_SEEDED: case RANDOM_USED: case CONNECTING: case CHECKPOINT: case SNAPSHOT_RESTORED:
            case CONNECTION_USED: case CONNECTIONS_CROSSED:
                return "snapshot";
            case EXCEPTION_DROPPED:
                return "catch";
            default:
                return "invocation";
        }
    }

    private static void reportFailure(AgentSinks target, String hook, Throwable failure) {
        try {
            target.failures().hookFailed(hook, failure);
        } catch (Throwable ignored) {
            // The sink itself is broken: staying silent is the only way not to hurt the application.
        }
    }

    /**
     * For tests only: back to the state before any agent was installed, with this thread's state dropped. Hooks
     * are global state; a test that installs sinks calls this before and after.
     */
    static void reset() {
        sink = null;
        roots = WritableRoots.TMP_ONLY;
        realDirectories = new RealDirectories(WritableRoots.TMP_ONLY);
        enforce = false;
        invocationActive = false;
        runningInvocations = 0;
        deadline = 0;
        SnapshotHooks.reset();
        STATE.remove();
    }
}
