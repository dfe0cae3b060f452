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
 * PLANTED MISTAKE: {@link OrdersFunction} with H2 in file mode, its database next to the code
 * ({@code jdbc:h2:./data/orders}, relative to the working directory, which on Lambda is the task root
 * {@code /var/task}). It works on a laptop; on Lambda the task root is read-only, so H2 cannot create
 * {@code data/orders.mv.db} (nor its {@code .trace.db}), the pool does not start, and every invocation answers 503.
 */
public class OrdersTaskRootFunction implements RequestStreamHandler {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HikariDataSource ORDERS_DB = ordersDb();

    private static HikariDataSource ordersDb() {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setPoolName("orders");
        dataSource.setJdbcUrl("jdbc:h2:./data/orders");
        dataSource.setUsername("sa");
        dataSource.setPassword("");
        dataSource.setMaximumPoolSize(2);
        return dataSource;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        OrderRequest order = JSON.readValue(input, OrderRequest.class);
        Object answer;
        try (Connection db = ORDERS_DB.getConnection()) { // field: h2-file
            answer = OrderRepository.place(db, order);
        } catch (SQLException e) {
            context.getLogger().log("orders database unavailable: " + e);
            answer = ErrorBody.unavailable("orders database", e);
        }
        JSON.writeValue(output, answer);
    }
}
