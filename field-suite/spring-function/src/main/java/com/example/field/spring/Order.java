package com.example.field.spring;

import java.util.List;

/** The event: an order with its lines. */
public record Order(String orderId, List<Line> lines) {

    /** One line of an order: a product and how many. */
    public record Line(String sku, int quantity) {}
}
