package com.example.field.storage;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.SQLException;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Records a supplier's price for a product and answers with the product's price range, in a SQLite price cache
 * (sqlite-jdbc).
 *
 * <p>The corrected twin of {@link PricesTaskRootFunction}: the database file is under {@code /tmp}, the only
 * writable directory on Lambda. It survives warm invocations of one execution environment and starts empty in a
 * new one (a cold start), so it holds a cache, never the record. One connection per invocation, as sqlite-jdbc's
 * documentation opens them (opening a SQLite file is cheap); the first one loads the driver's native library,
 * which sqlite-jdbc unpacks into {@code java.io.tmpdir} ({@code /tmp}).
 */
public class PricesFunction implements RequestStreamHandler {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SQLiteDataSource PRICES_DB = pricesDb();

    private static SQLiteDataSource pricesDb() {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(2_000);
        SQLiteDataSource dataSource = new SQLiteDataSource(config);
        dataSource.setUrl("jdbc:sqlite:/tmp/prices.db");
        return dataSource;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        PriceQuote quote = JSON.readValue(input, PriceQuote.class);
        Object answer;
        try (Connection db = PRICES_DB.getConnection()) {
            answer = PriceRepository.record(db, quote);
        } catch (SQLException e) {
            context.getLogger().log("price cache unavailable: " + e);
            answer = ErrorBody.unavailable("price cache", e);
        }
        JSON.writeValue(output, answer);
    }
}
