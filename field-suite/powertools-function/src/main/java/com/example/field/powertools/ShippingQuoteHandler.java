package com.example.field.powertools;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.logging.Logging;
import software.amazon.lambda.powertools.metrics.FlushMetrics;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * A shipping quote, with Powertools for AWS Lambda: structured JSON logs through Log4j 2 ({@code @Logging}) and
 * CloudWatch metrics in the embedded metric format ({@code @FlushMetrics}), both woven in at compile time by the
 * aspectj-maven-plugin as Powertools' guide says. The fuel surcharge comes from the carrier asynchronously and is
 * awaited with a timeout.
 */
public class ShippingQuoteHandler implements RequestHandler<QuoteRequest, Map<String, Object>> {

    /** Log4j 2 reads its configuration (log4j2.xml, or LOG4J_CONFIGURATION_FILE) when the first logger is made. */
    private static final Logger LOG = LoggerFactory.getLogger(ShippingQuoteHandler.class); // field: first-logger
    private static final Metrics METRICS = MetricsFactory.getMetricsInstance();

    private final RateTable rates = new RateTable();
    protected final Carrier carrier = new Carrier();

    @Override
    @Logging
    @FlushMetrics(namespace = "FieldSuite", service = "shipping", captureColdStart = true)
    public Map<String, Object> handleRequest(QuoteRequest request, Context context) {
        LOG.info("Quoting order {} to zone {}", request.getOrderId(), request.getZone());
        long base = rates.baseCents(request.getZone(), request.getWeightGrams());
        long fuel = fuelSurchargeCents(request);
        METRICS.addMetric("QuotedParcels", 1, MetricUnit.COUNT);
        METRICS.addMetric("QuotedGrams", request.getWeightGrams(), MetricUnit.COUNT);

        Map<String, Object> quote = new LinkedHashMap<>();
        quote.put("orderId", request.getOrderId());
        quote.put("zone", request.getZone());
        quote.put("baseCents", base);
        quote.put("fuelCents", fuel);
        quote.put("totalCents", base + fuel);
        LOG.info("Quoted order {}: {} cents", request.getOrderId(), base + fuel);
        return quote;
    }

    /** The carrier's surcharge, awaited for at most two seconds (the function has 15). */
    protected long fuelSurchargeCents(QuoteRequest request) {
        CompletableFuture<Long> surcharge =
                CompletableFuture.supplyAsync(() -> carrier.fuelSurchargeCents(request.getWeightGrams()));
        try {
            return surcharge.get(2, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            surcharge.cancel(true);
            throw new IllegalStateException("the carrier did not answer in time", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the carrier failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
