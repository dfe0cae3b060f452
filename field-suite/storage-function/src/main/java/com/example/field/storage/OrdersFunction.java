package com.example.field.storage;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Takes an order and answers with the customer's orders so far, in an H2 database behind a HikariCP pool.
 *
 * <p>The corrected twin of {@link OrdersTaskRootFunction}: the database is in memory ({@code jdbc:h2:mem:}, kept for
 * the life of the execution environment by {@code DB_CLOSE_DELAY=-1}), so H2 writes no file. The data source is
 * built once per execution environment, with the handler class, and shared by every warm invocation, never one
 * per invocation; its pool starts at the first {@code getConnection()}. Lambda sends an environment one event at a
 * time, so a pool of 2 is plenty.
 */
public class OrdersFunction implements RequestStreamHandler {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HikariDataSource ORDERS_DB = ordersDb();

    private static HikariDataSource ordersDb() {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setPoolName("orders");
        dataSource.setJdbcUrl("jdbc:h2:mem:orders;DB_CLOSE_DELAY=-1");
        dataSource.setUsername("sa");
        dataSource.setPassword("");
        dataSource.setMaximumPoolSize(2);
        return dataSource;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        OrderRequest order = JSON.readValue(input, OrderRequest.class);
        Object answer;
        try (Connection db = ORDERS_DB.getConnection()) {
            answer = OrderRepository.place(db, order);
        } catch (SQLException e) {
            context.getLogger().log("orders database unavailable: " + e);
            answer = ErrorBody.unavailable("orders database", e);
        }
        JSON.writeValue(output, answer);
    }
}
