package com.example.field.powertools;

/** The carrier's fuel surcharge service: a remote call that takes a moment (here about 50 ms). */
public class Carrier {

    private static final long LATENCY_MS = 50;

    public long fuelSurchargeCents(int weightGrams) {
        try {
            Thread.sleep(LATENCY_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        return 25 + weightGrams / 100;
    }
}
