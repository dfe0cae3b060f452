package com.example.gc;

/**
 * {@code <invocations> <loops>}: calls {@link HeapSettler#handle} that many times, that many loops each, and prints
 * the rounds of each call. {@code retention}: warms up outside any invocation (a thread started and joined, a
 * runFinalization, a class histogram), then calls {@code handle("retention")} once and prints what it found.
 */
public final class GcLoopHost {

    @SuppressWarnings({"removal", "deprecation"})
    public static void main(String[] args) throws Exception {
        if (args[0].equals("retention")) {
            Thread warmUp = new Thread(() -> { }, "warm-up");
            warmUp.start();
            warmUp.join();
            Runtime.getRuntime().runFinalization();
            HeapSettler.agentObjects();
            int more = new HeapSettler(1).handle("retention");
            System.out.println("retained " + more + " " + HeapSettler.retained);
            return;
        }
        int invocations = Integer.parseInt(args[0]);
        HeapSettler handler = new HeapSettler(Integer.parseInt(args[1]));
        int[] rounds = new int[invocations];
        for (int i = 0; i < invocations; i++) {
            rounds[i] = handler.handle("settle");
        }
        StringBuilder line = new StringBuilder("rounds");
        for (int round : rounds) {
            line.append(' ').append(round);
        }
        System.out.println(line);
    }

    private GcLoopHost() {}
}
