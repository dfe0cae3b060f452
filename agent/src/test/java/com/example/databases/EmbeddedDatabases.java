package com.example.databases;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteDataSource;

/**
 * {@code EmbeddedDatabases <outside dir>}: a function's embedded databases, three kept in files outside /tmp (SQLite
 * through its DataSource, H2 and HSQLDB through DriverManager) and their corrected twins (SQLite under /tmp, H2 and
 * HSQLDB in memory). Each opens, creates a table and closes; prints {@code done}.
 */
public final class EmbeddedDatabases {

    public static void main(String[] args) throws Exception {
        Path outside = Path.of(args[0]);
        SQLiteDataSource prices = new SQLiteDataSource();
        prices.setUrl("jdbc:sqlite:" + outside.resolve("prices.db"));
        use(prices.getConnection()); // @line sqlite
        use(DriverManager.getConnection("jdbc:h2:" + outside.resolve("orders") + ";USER=sa;PASSWORD=hunter2")); // @line h2
        use(DriverManager.getConnection("jdbc:hsqldb:file:" + outside.resolve("ledger"), "SA", "")); // @line hsqldb

        SQLiteDataSource cache = new SQLiteDataSource();
        cache.setUrl("jdbc:sqlite:/tmp/faasguard-it-prices-" + ProcessHandle.current().pid() + ".db");
        use(cache.getConnection());
        use(DriverManager.getConnection("jdbc:h2:mem:orders"));
        use(DriverManager.getConnection("jdbc:hsqldb:mem:ledger", "SA", ""));
        System.out.println("done");
    }

    private static void use(Connection connection) throws SQLException {
        try (connection; Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS t (id INT)");
        }
    }

    private EmbeddedDatabases() {}
}
