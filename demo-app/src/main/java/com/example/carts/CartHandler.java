package com.example.carts;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code {"cart":"c-1","item":"socks","price":4}}: adds the item to the cart and answers the cart's total. The items
 * and totals are kept in memory, as on a server: in a static list and in a map of the handler object, which the
 * runtime client keeps for every warm invocation. See {@link FixedCartHandler}.
 */
public class CartHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private static final List<String> ITEMS_ADDED = new ArrayList<>();

    private final Map<String, Integer> totals = new HashMap<>();

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        String cart = String.valueOf(event.get("cart"));
        int price = ((Number) event.get("price")).intValue();
        ITEMS_ADDED.add(cart + ":" + event.get("item")); // @line itemsAdded
        totals.merge(cart, price, Integer::sum); // @line totals
        return Map.of("cart", cart, "total", totals.get(cart), "itemsSeen", ITEMS_ADDED.size());
    }
}
