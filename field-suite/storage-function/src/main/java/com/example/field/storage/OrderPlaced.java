package com.example.field.storage;

/** The answer to an order: stored, and what the customer has ordered so far. */
public record OrderPlaced(int statusCode, String orderId, String customer, int customerOrders,
                          long customerTotalCents) {
}
