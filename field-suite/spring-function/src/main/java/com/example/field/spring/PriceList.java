package com.example.field.spring;

import java.util.Map;

/** Unit prices in cents, and the pricing of an order from them. */
public final class PriceList {

    private final Map<String, Long> unitCents;

    private PriceList(Map<String, Long> unitCents) {
        this.unitCents = Map.copyOf(unitCents);
    }

    public static PriceList standard() {
        return new PriceList(Map.of("apple", 45L, "pear", 60L, "plum", 30L, "melon", 250L));
    }

    public Receipt price(Order order) {
        int items = 0;
        long total = 0;
        for (Order.Line line : order.lines()) {
            Long unit = unitCents.get(line.sku());
            if (unit == null) {
                throw new IllegalArgumentException("unknown product: " + line.sku());
            }
            items += line.quantity();
            total += unit * line.quantity();
        }
        return new Receipt(order.orderId(), items, total);
    }
}
