package com.example.field.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** The orders table: stores an order and sums up its customer's orders, in one transaction. */
final class OrderRepository {

    private OrderRepository() {
    }

    static OrderPlaced place(Connection db, OrderRequest order) throws SQLException {
        boolean autoCommit = db.getAutoCommit();
        db.setAutoCommit(false);
        try {
            try (Statement ddl = db.createStatement()) {
                ddl.execute("CREATE TABLE IF NOT EXISTS orders (order_id VARCHAR(40) PRIMARY KEY,"
                        + " customer VARCHAR(80) NOT NULL, sku VARCHAR(40) NOT NULL, quantity INT NOT NULL,"
                        + " unit_price_cents BIGINT NOT NULL)");
            }
            try (PreparedStatement insert = db.prepareStatement(
                    "MERGE INTO orders (order_id, customer, sku, quantity, unit_price_cents) KEY (order_id)"
                            + " VALUES (?, ?, ?, ?, ?)")) {
                insert.setString(1, order.orderId());
                insert.setString(2, order.customer());
                insert.setString(3, order.sku());
                insert.setInt(4, order.quantity());
                insert.setLong(5, order.unitPriceCents());
                insert.executeUpdate();
            }
            OrderPlaced placed;
            try (PreparedStatement totals = db.prepareStatement(
                    "SELECT COUNT(*), COALESCE(SUM(quantity * unit_price_cents), 0) FROM orders WHERE customer = ?")) {
                totals.setString(1, order.customer());
                try (ResultSet row = totals.executeQuery()) {
                    row.next();
                    placed = new OrderPlaced(201, order.orderId(), order.customer(), row.getInt(1), row.getLong(2));
                }
            }
            db.commit();
            return placed;
        } catch (SQLException | RuntimeException e) {
            db.rollback();
            throw e;
        } finally {
            db.setAutoCommit(autoCommit);
        }
    }
}
