package com.example.state;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The corrected twin: what must outlive the invocation is not kept in memory, and what is kept stays the same size:
 * a table filled by the static initializer, a price list loaded once at the first invocation, an LRU cache of at
 * most three entries, settings filled by the constructor. The invocation's own list is local.
 */
public final class FixedOrderTally {

    private static final Map<String, String> CURRENCIES = new HashMap<>();
    private static final Map<String, Integer> PRICES = new HashMap<>();
    private static final Map<String, String> RECENT_CUSTOMERS = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > 3;
        }
    };

    static {
        CURRENCIES.put("EUR", "euro");
        CURRENCIES.put("USD", "dollar");
    }

    private final Map<String, String> settings = new HashMap<>(Map.of("region", "eu-west-1"));

    public String handle(String event) {
        String[] parts = event.split(":");
        if (PRICES.isEmpty()) {
            for (int i = 0; i < 10; i++) {
                PRICES.put("sku-" + i, i * 100);
            }
        }
        RECENT_CUSTOMERS.put(parts[0], parts[1]);
        List<String> lines = new ArrayList<>();
        lines.add(event);
        return lines.size() + " line in " + settings.get("region") + ", " + CURRENCIES.size() + " currencies";
    }
}
