package com.example.ci;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A program run in a build, such as a test suite. {@code BuildStep <dir> step...}, each step one of:
 * {@code write} (a file in dir, outside /tmp: an error), {@code join} (a join with no timeout: a
 * warning), {@code slowHook} (a shutdown hook that takes 500 ms, then prints {@code slow hook done}),
 * {@code exit=<status>} (System.exit), {@code throw} (main ends with an exception).
 */
public final class BuildStep {

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        for (int i = 1; i < args.length; i++) {
            String step = args[i];
            if (step.equals("write")) {
                Files.writeString(dir.resolve("results.txt"), "passed"); // @line write
            } else if (step.equals("join")) {
                Thread worker = new Thread(BuildStep::pause, "worker");
                worker.start();
                worker.join(); // @line join
            } else if (step.equals("slowHook")) {
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    pause();
                    pause();
                    System.out.println("slow hook done");
                }, "slow-hook"));
            } else if (step.startsWith("exit=")) {
                System.exit(Integer.parseInt(step.substring("exit=".length())));
            } else if (step.equals("throw")) {
                throw new IllegalStateException("the build step failed");
            } else {
                throw new IllegalArgumentException("unknown step " + step);
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private BuildStep() {}
}
