package com.example.snapstart;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * Issues a coupon: a random code, and the price after the discount. Written for a server, where init runs once per
 * process; under SnapStart it runs once for every restored copy, so the generators, the jitter and the connection made
 * here are the same in all of them.
 */
public class CouponHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private static final Random CODES = new Random(); // demo: seeded
    /** Which coupons go to the new checkout: one in ten. */
    private static final SplittableRandom TRIAL = new SplittableRandom(); // demo: split-seeded

    private final PriceClient prices = PriceClient.connect(System.getenv("PRICE_SERVICE")); // demo: kept
    /** Spreads the first cache refreshes of many instances, as a server's start-up would. */
    private final long refreshJitterMillis = (long) (Math.random() * 1000); // demo: math-seeded

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        String code = Long.toString(CODES.nextLong() & Long.MAX_VALUE, 36); // demo: seeded-use
        double price = prices.quote(String.valueOf(event.get("sku")));
        double discount = 0.05 + Math.random() / 10; // demo: math-use
        boolean trial = TRIAL.nextInt(10) == 0; // demo: split-use
        return Map.of("code", code, "price", Math.round(price * (1 - discount) * 100) / 100.0,
                "refreshJitterMillis", refreshJitterMillis, "newCheckout", trial);
    }
}
