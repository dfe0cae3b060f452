package com.example.snapstart;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.Map;

/**
 * {@link CouponHandler}, corrected for SnapStart: a SecureRandom, which the runtime reseeds after a restore, for the
 * codes and the discount; and the connection to the price service opened on first use, after the restore, then kept.
 * Init may still talk to the service (it primes the price path here), over a connection it closes before the snapshot.
 */
public class FixedCouponHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private static final SecureRandom RANDOM = new SecureRandom();

    private PriceClient prices;

    public FixedCouponHandler() throws IOException {
        try (PriceClient priming = PriceClient.connect(System.getenv("PRICE_SERVICE"))) {
            priming.quote("A-1");
        }
    }

    @Override
    public synchronized Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        if (prices == null) {
            prices = PriceClient.connect(System.getenv("PRICE_SERVICE"));
        }
        String code = Long.toString(RANDOM.nextLong() & Long.MAX_VALUE, 36);
        double price = prices.quote(String.valueOf(event.get("sku")));
        double discount = 0.05 + RANDOM.nextDouble() / 10;
        boolean trial = RANDOM.nextInt(10) == 0;
        return Map.of("code", code, "price", Math.round(price * (1 - discount) * 100) / 100.0, "newCheckout", trial);
    }
}
