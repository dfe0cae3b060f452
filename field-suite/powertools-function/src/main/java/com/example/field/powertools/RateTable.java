package com.example.field.powertools;

import java.util.Map;

/** Base shipping rates per zone: a fixed price per parcel and a price per started 500 g. */
public final class RateTable {

    private record Rate(long parcelCents, long perHalfKiloCents) {}

    private final Map<String, Rate> zones = Map.of(
            "domestic", new Rate(450, 120),
            "eu", new Rate(900, 310),
            "world", new Rate(1800, 640));

    public long baseCents(String zone, int weightGrams) {
        Rate rate = zones.get(zone);
        if (rate == null) {
            throw new IllegalArgumentException("unknown zone: " + zone);
        }
        long halfKilos = (weightGrams + 499) / 500;
        return rate.parcelCents() + halfKilos * rate.perHalfKiloCents();
    }
}
