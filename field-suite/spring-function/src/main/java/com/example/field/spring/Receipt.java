package com.example.field.spring;

/** The response: what the order costs. */
public record Receipt(String orderId, int items, long totalCents) {

    /** The receipt as the JSON kept in the cache. */
    public String toJson() {
        return "{\"orderId\":\"" + orderId + "\",\"items\":" + items + ",\"totalCents\":" + totalCents + "}";
    }
}
