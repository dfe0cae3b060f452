package com.example.field.storage;

/** The answer to a price quote: the product's quotes so far, lowest and highest. */
public record PriceHistory(int statusCode, String sku, int quotes, long lowestCents, long highestCents,
                           String cheapestSupplier) {
}
