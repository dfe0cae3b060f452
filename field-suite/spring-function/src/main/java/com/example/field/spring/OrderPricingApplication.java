package com.example.field.spring;

import java.nio.file.Path;
import java.util.function.Function;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * An order-pricing service deployed to AWS Lambda with Spring Cloud Function: a plain Spring Boot application whose
 * function beans Spring's {@code org.springframework.cloud.function.adapter.aws.FunctionInvoker} serves. The
 * function Lambda binds is chosen with {@code spring_cloud_function_definition} in the function's environment.
 *
 * <ul>
 *   <li>{@code priceOrder}: the correct function. It keeps the last receipt under {@code /tmp} and publishes the
 *       audit record before it returns.</li>
 *   <li>{@code priceOrderCached}: the same pricing with two mistakes: the receipt cache is written next to the
 *       code (the read-only deployment package on Lambda), and the audit record is published from a thread
 *       still running when the function returns.</li>
 * </ul>
 */
@SpringBootApplication
public class OrderPricingApplication {

    public static void main(String[] args) {
        SpringApplication.run(OrderPricingApplication.class, args);
    }

    @Bean
    public PriceList priceList() {
        return PriceList.standard();
    }

    @Bean
    public AuditLog auditLog() {
        return new AuditLog();
    }

    @Bean
    public Function<Order, Receipt> priceOrder(PriceList priceList, AuditLog auditLog) {
        return new PriceOrder(priceList, auditLog,
                Path.of(System.getProperty("java.io.tmpdir"), "orders", "last-receipt.json"));
    }

    @Bean
    public Function<Order, Receipt> priceOrderCached(PriceList priceList, AuditLog auditLog) {
        return new PriceOrderCached(priceList, auditLog);
    }
}
