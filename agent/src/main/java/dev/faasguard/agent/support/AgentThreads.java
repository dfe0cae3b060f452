package dev.faasguard.agent.support;

import dev.faasguard.bootstrap.Hooks;
import java.util.concurrent.ThreadFactory;

/** Daemon threads of the agent's own, named, and marked so that nothing they do is a finding. */
public final class AgentThreads implements ThreadFactory {

    private final String name;

    public AgentThreads(String name) {
        this.name = name;
    }

    @Override
    public Thread newThread(Runnable work) {
        Thread thread = new Thread(new Runnable() {
            @Override
            public void run() {
                Hooks.markAgentThread();
                work.run();
            }
        }, name);
        thread.setDaemon(true);
        Hooks.registerAgentThread(thread);
        return thread;
    }
}
