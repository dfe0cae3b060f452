package com.example.swallowed;

import java.util.Map;

/** Where a price comes from: two calls below the handler, and it throws for a product it does not know. */
public final class PriceCatalog {

    private static final Map<String, Integer> CENTS = Map.of("apple", 120, "pear", 95);

    public int centsOf(String product) {
        return lookup(product);
    }

    private int lookup(String product) {
        Integer cents = CENTS.get(product);
        if (cents == null) {
            throw new IllegalStateException("no price for '" + product // @line thrown
                    + "' at https://prices.example.com/v1?product=" + product + "&token=s3cr3t");
        }
        return cents;
    }
}
