package dev.faasguard.bootstrap;

/** What the hooks tell the agent about exceptions the application catches. */
public interface ExceptionSink {

    /**
     * A catch block of the application that drops what it caught (judged when its class was loaded) has just been
     * entered with {@code error}, while an invocation runs. The catch site is the handler's first line.
     */
    void exceptionDropped(Throwable error, String className, String method, String file, int line);
}
