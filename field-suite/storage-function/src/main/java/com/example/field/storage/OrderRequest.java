package com.example.field.storage;

/** The event an order function receives: one order line, as the storefront posts it. */
public record OrderRequest(String orderId, String customer, String sku, int quantity, long unitPriceCents) {
}
