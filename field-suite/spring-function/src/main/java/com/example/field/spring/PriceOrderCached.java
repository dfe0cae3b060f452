package com.example.field.spring;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sinner: the same pricing as {@link PriceOrder}, with the receipt cache next to the code (the working
 * directory is the read-only deployment package on Lambda: the write fails, the cache is best effort so the order
 * still succeeds) and the audit record published from a thread that is still running when the function returns.
 */
public class PriceOrderCached implements Function<Order, Receipt> {

    private static final Logger LOG = LoggerFactory.getLogger(PriceOrderCached.class);

    private final PriceList priceList;
    private final AuditLog auditLog;

    public PriceOrderCached(PriceList priceList, AuditLog auditLog) {
        this.priceList = priceList;
        this.auditLog = auditLog;
    }

    @Override
    public Receipt apply(Order order) {
        Receipt receipt = priceList.price(order);
        try {
            Files.writeString(Path.of("last-receipt.json"), receipt.toJson()); // field: cache-next-to-code
        } catch (IOException e) {
            LOG.warn("receipt cache not written: {}", e.toString());
        }
        new Thread(() -> auditLog.publish(receipt), "audit").start(); // field: audit-thread
        return receipt;
    }
}
