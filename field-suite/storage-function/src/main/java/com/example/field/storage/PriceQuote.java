package com.example.field.storage;

/** The event a price function receives: a supplier's price for one product. */
public record PriceQuote(String sku, String supplier, long priceCents) {
}
