package com.example.faults;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code FaultyApps <scenario> <outside dir>}: programs that do what hosts do and agents trip over. Each prints what
 * it saw on stdout, one line a fact, then {@code done}; a write outside /tmp ({@code // @line write}) shows the agent
 * still at work.
 * <ul>
 * <li>{@code handlers}: a default uncaught-exception handler and a thread's own handler, each for a thread that dies;
 * <li>{@code recursion}: writes at every level of a recursion until the stack overflows, catches it, writes again;
 * <li>{@code memory}: fills the heap until OutOfMemoryError while writing, lets it go, writes again;
 * <li>{@code write}: just the write (for the report-path and JFR cases).
 * </ul>
 */
public final class FaultyApps {

    public static void main(String[] args) throws Exception {
        Path outside = Path.of(args[1]);
        switch (args[0]) {
            case "handlers" -> handlers();
            case "recursion" -> System.out.println("depth " + recurse(outside, 0));
            case "memory" -> System.out.println("filled " + fillHeap(outside) + " MiB");
            default -> { }
        }
        write(outside);
        System.out.println("done");
    }

    static void write(Path outside) throws IOException {
        try (FileOutputStream out = new FileOutputStream(outside.resolve("still-watched.txt").toFile())) { // @line write
            out.write('x');
        }
    }

    private static void handlers() throws InterruptedException {
        Thread.setDefaultUncaughtExceptionHandler((thread, error) ->
                System.out.println("default handler: " + thread.getName() + ": " + error.getMessage()));
        Thread plain = new Thread(() -> {
            throw new IllegalStateException("plain died");
        }, "plain");
        Thread own = new Thread(() -> {
            throw new IllegalStateException("own died");
        }, "own");
        own.setUncaughtExceptionHandler((thread, error) -> {
            System.out.println("own handler: " + thread.getName() + ": " + error.getMessage());
            // Handing on to the default one, as frameworks' handlers do.
            Thread.getDefaultUncaughtExceptionHandler().uncaughtException(thread, error);
        });
        plain.start();
        plain.join(10_000);
        own.start();
        own.join(10_000);
    }

    /** @return how deep it went before the stack ran out */
    private static int recurse(Path outside, int depth) {
        try {
            if (depth % 64 == 0) {
                write(outside);
            }
            return recurse(outside, depth + 1);
        } catch (StackOverflowError | IOException end) {
            return depth;
        }
    }

    /** @return how many MiB it held when the heap ran out */
    private static int fillHeap(Path outside) throws IOException {
        List<byte[]> held = new ArrayList<>();
        try {
            while (true) {
                held.add(new byte[1 << 20]);
                write(outside);
            }
        } catch (OutOfMemoryError full) {
            int filled = held.size();
            held.clear();
            return filled;
        }
    }

    private FaultyApps() {}
}
