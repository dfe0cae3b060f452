package com.example.forkjoin;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Calls {@link ReportBuilder#handle} with every argument at once, one thread each, as a host running invocations side by side would. */
public final class ConcurrentHost {

    public static void main(String[] events) throws Exception {
        Path work = Files.createDirectories(Path.of(System.getProperty("work.dir")));
        ReportBuilder handler = new ReportBuilder(work, events.length);
        List<Thread> invocations = new ArrayList<>();
        for (String event : events) {
            Thread invocation = new Thread(() -> {
                try {
                    System.out.println(event + " -> " + handler.handle(event));
                } catch (Exception failed) {
                    System.out.println(event + " -> failed: " + failed);
                }
            }, "invocation-" + event);
            invocation.start();
            invocations.add(invocation);
        }
        for (Thread invocation : invocations) {
            invocation.join(60_000);
        }
    }

    private ConcurrentHost() {}
}
