package com.example.field.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** The quotes table of the SQLite price cache: stores a quote and reads the product's range back. */
final class PriceRepository {

    private PriceRepository() {
    }

    static PriceHistory record(Connection db, PriceQuote quote) throws SQLException {
        db.setAutoCommit(false);
        try {
            try (Statement ddl = db.createStatement()) {
                ddl.execute("CREATE TABLE IF NOT EXISTS quotes (sku TEXT NOT NULL, supplier TEXT NOT NULL,"
                        + " price_cents INTEGER NOT NULL, PRIMARY KEY (sku, supplier))");
            }
            try (PreparedStatement upsert = db.prepareStatement(
                    "INSERT INTO quotes (sku, supplier, price_cents) VALUES (?, ?, ?)"
                            + " ON CONFLICT (sku, supplier) DO UPDATE SET price_cents = excluded.price_cents")) {
                upsert.setString(1, quote.sku());
                upsert.setString(2, quote.supplier());
                upsert.setLong(3, quote.priceCents());
                upsert.executeUpdate();
            }
            PriceHistory history;
            try (PreparedStatement range = db.prepareStatement(
                    "SELECT COUNT(*), MIN(price_cents), MAX(price_cents),"
                            + " (SELECT supplier FROM quotes WHERE sku = ? ORDER BY price_cents, supplier LIMIT 1)"
                            + " FROM quotes WHERE sku = ?")) {
                range.setString(1, quote.sku());
                range.setString(2, quote.sku());
                try (ResultSet row = range.executeQuery()) {
                    row.next();
                    history = new PriceHistory(200, quote.sku(), row.getInt(1), row.getLong(2), row.getLong(3),
                            row.getString(4));
                }
            }
            db.commit();
            return history;
        } catch (SQLException | RuntimeException e) {
            db.rollback();
            throw e;
        }
    }
}
