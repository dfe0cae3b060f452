package com.example.invocations;

import java.nio.file.Files;
import java.nio.file.Path;

/** Calls {@link PageSplitter#handle} once per argument, as a function host would; prints each answer. */
public final class LocalHost {

    public static void main(String[] events) throws Exception {
        Path work = Files.createDirectories(Path.of(System.getProperty("work.dir")));
        PageSplitter handler = new PageSplitter(work);
        for (String event : events) {
            try {
                System.out.println(event + " -> " + handler.handle(event));
            } catch (Exception failed) {
                System.out.println(event + " -> failed: " + failed);
            }
        }
        Thread.sleep(200);
    }

    private LocalHost() {}
}
