package com.example.field.spring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * The correct function: the receipt cache lives under {@code /tmp}, the only writable directory on Lambda, and is
 * overwritten in place; the audit record is published before the function returns, because Lambda freezes the
 * environment once the response is sent.
 */
public class PriceOrder implements Function<Order, Receipt> {

    private final PriceList priceList;
    private final AuditLog auditLog;
    private final Path cache;

    public PriceOrder(PriceList priceList, AuditLog auditLog, Path cache) {
        this.priceList = priceList;
        this.auditLog = auditLog;
        this.cache = cache;
    }

    @Override
    public Receipt apply(Order order) {
        Receipt receipt = priceList.price(order);
        try {
            Files.createDirectories(cache.getParent());
            Files.writeString(cache, receipt.toJson());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        auditLog.publish(receipt);
        return receipt;
    }
}
