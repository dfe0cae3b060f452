/**
 * A shopping-cart function ported from a server, after the field report's "global state" red flag
 * ({@code global_data.append(item)  # Lost on next invocation!}).
 *
 * <p>{@link com.example.carts.CartHandler} keeps every item added in a static list and each cart's total in a map of
 * the handler object: both grow at every warm invocation, leak memory while the environment lives, and are gone in
 * the next environment, so two environments answer differently. {@link com.example.carts.FixedCartHandler} is its
 * corrected twin: the cart travels with the request (or would live in DynamoDB), and what it keeps in memory stays
 * the same size.
 */
package com.example.carts;
