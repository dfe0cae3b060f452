package com.example.state;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The field report's "global state" in Java: every order the function sees is kept in a static list, and every
 * customer's total in a map of the handler object the host keeps. Both grow at every warm invocation, and both are
 * gone in the next environment.
 */
public final class OrderTally {

    private static final List<String> ORDERS_SEEN = new ArrayList<>();

    private final Map<String, Integer> totalsByCustomer = new HashMap<>();

    /** {@code customer:amount}: a new customer each time, as real traffic has. */
    public String handle(String event) {
        String[] parts = event.split(":");
        ORDERS_SEEN.add(event); // @line staticAdd
        totalsByCustomer.merge(parts[0], Integer.parseInt(parts[1]), Integer::sum); // @line instanceAdd
        return "orders so far: " + ORDERS_SEEN.size();
    }
}
