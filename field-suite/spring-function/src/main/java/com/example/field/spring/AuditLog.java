package com.example.field.spring;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Publishes an audit record of each priced order; the call takes a moment, as a call to a remote log does. */
public class AuditLog {

    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
    private static final long LATENCY_MS = 300;

    public void publish(Receipt receipt) {
        try {
            Thread.sleep(LATENCY_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        LOG.info("audit: order {} priced at {} cents", receipt.orderId(), receipt.totalCents());
    }
}
