package com.example.field.clients;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * What the order-report functions share. The event is an order,
 * {@code {"orderId": "o-17", "lines": [{"sku": "A-100", "quantity": 2, "unitPrice": 3.50}, ...]}}; the report is a
 * summary (lines, units, total) and the details (each line with its amount), both written as JSON by Jackson.
 */
final class Orders {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private Orders() {}

    record Line(String sku, int quantity, BigDecimal unitPrice) {
        BigDecimal amount() {
            return unitPrice.multiply(BigDecimal.valueOf(quantity));
        }
    }

    record Order(String orderId, List<Line> lines) {}

    record Summary(String orderId, int lines, int units, BigDecimal total) {}

    record DetailLine(String sku, int quantity, BigDecimal unitPrice, BigDecimal amount) {}

    record Details(String orderId, List<DetailLine> lines) {}

    static Order order(Map<String, Object> event) {
        Order order = MAPPER.convertValue(event, Order.class);
        if (order.orderId() == null || order.lines() == null || order.lines().isEmpty()) {
            throw new IllegalArgumentException("the event is not an order with lines");
        }
        return order;
    }

    static Summary summary(Order order) {
        int units = 0;
        BigDecimal total = BigDecimal.ZERO;
        for (Line line : order.lines()) {
            units += line.quantity();
            total = total.add(line.amount());
        }
        return new Summary(order.orderId(), order.lines().size(), units, total);
    }

    static Details details(Order order) {
        return new Details(order.orderId(), order.lines().stream()
                .map(l -> new DetailLine(l.sku(), l.quantity(), l.unitPrice(), l.amount()))
                .toList());
    }
}
