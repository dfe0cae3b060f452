package com.example.field.powertools;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The sinner: {@link ShippingQuoteHandler} with the carrier's surcharge awaited with no timeout. If the carrier
 * never answers, the invocation hangs until Lambda kills it at the function's timeout.
 */
public class UntimedShippingQuoteHandler extends ShippingQuoteHandler {

    @Override
    protected long fuelSurchargeCents(QuoteRequest request) {
        CompletableFuture<Long> surcharge =
                CompletableFuture.supplyAsync(() -> carrier.fuelSurchargeCents(request.getWeightGrams()));
        try {
            return surcharge.get(); // field: untimed-get
        } catch (ExecutionException e) {
            throw new IllegalStateException("the carrier failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
