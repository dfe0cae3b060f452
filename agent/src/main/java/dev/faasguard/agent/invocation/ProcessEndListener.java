package dev.faasguard.agent.invocation;

/** Hears of the ways a process may end, before the invocation monitor judges them (the failOn gate). */
public interface ProcessEndListener {

    ProcessEndListener NONE = new ProcessEndListener() {};

    /** A thread is dying of an uncaught exception. */
    default void threadDied(Thread thread) {}

    /** {@code System.exit(status)} was called (not {@code Runtime.halt}, which runs nothing after it). */
    default void exitCalled(int status) {}
}
