package com.example.databases;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.example.writes.WriteApis;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.hsqldb.jdbc.JDBCDataSource;
import org.sqlite.SQLiteDataSource;

/**
 * {@code EmbeddedDatabases <outside dir>}: a function's embedded databases, each way a function opens one, kept in
 * files outside /tmp (SQLite through its DataSource; H2, HSQLDB and Derby through DriverManager and through their own
 * DataSources; H2 through a HikariCP pool), then their corrected twins (SQLite and Derby under /tmp, the others in
 * memory). Derby's home ({@code derby.system.home}, where its relative names and its derby.log go) is set in code to
 * the outside directory, as an application setting it at start would. Each opens, creates a table and closes; prints
 * {@code done}.
 */
public final class EmbeddedDatabases {

    public static void main(String[] args) throws Exception {
        Path outside = Path.of(args[0]);
        System.setProperty("derby.system.home", outside.toString());
        SQLiteDataSource prices = new SQLiteDataSource();
        prices.setUrl("jdbc:sqlite:" + outside.resolve("prices.db"));
        use(prices.getConnection()); // @line sqlite
        use(DriverManager.getConnection("jdbc:h2:" + outside.resolve("orders") + ";USER=sa;PASSWORD=hunter2")); // @line h2
        use(DriverManager.getConnection("jdbc:hsqldb:file:" + outside.resolve("ledger"), "SA", "")); // @line hsqldb
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:file:" + outside.resolve("carts"));
        use(h2.getConnection("sa", "hunter2")); // @line h2-datasource
        JDBCDataSource hsqldb = new JDBCDataSource();
        hsqldb.setUrl("jdbc:hsqldb:file:" + outside.resolve("journal"));
        use(hsqldb.getConnection("SA", "")); // @line hsqldb-datasource
        use(DriverManager.getConnection("jdbc:derby:stock;create=true;user=app;password=hunter2")); // @line derby
        EmbeddedDataSource derby = new EmbeddedDataSource();
        derby.setDatabaseName(outside.resolve("invoices").toString());
        derby.setCreateDatabase("create");
        use(derby.getConnection()); // @line derby-datasource
        HikariConfig pooled = new HikariConfig();
        pooled.setJdbcUrl("jdbc:h2:" + outside.resolve("sessions"));
        pooled.setMaximumPoolSize(1);
        try (HikariDataSource pool = new HikariDataSource(pooled)) { // @line hikari
            use(pool.getConnection());
        }

        String tmp = "/tmp/faasguard-it-" + ProcessHandle.current().pid();
        SQLiteDataSource cache = new SQLiteDataSource();
        cache.setUrl("jdbc:sqlite:" + tmp + "-prices.db");
        use(cache.getConnection());
        use(DriverManager.getConnection("jdbc:h2:mem:orders"));
        use(DriverManager.getConnection("jdbc:hsqldb:mem:ledger", "SA", ""));
        JdbcDataSource h2InMemory = new JdbcDataSource();
        h2InMemory.setURL("jdbc:h2:mem:carts");
        use(h2InMemory.getConnection());
        JDBCDataSource hsqldbInMemory = new JDBCDataSource();
        hsqldbInMemory.setUrl("jdbc:hsqldb:mem:journal");
        use(hsqldbInMemory.getConnection("SA", ""));
        use(DriverManager.getConnection("jdbc:derby:memory:stock;create=true"));
        use(DriverManager.getConnection("jdbc:derby:" + tmp + "-stock;create=true"));
        EmbeddedDataSource derbyInMemory = new EmbeddedDataSource();
        derbyInMemory.setDatabaseName("memory:invoices");
        derbyInMemory.setCreateDatabase("create");
        use(derbyInMemory.getConnection());
        HikariConfig pooledInMemory = new HikariConfig();
        pooledInMemory.setJdbcUrl("jdbc:h2:mem:sessions");
        pooledInMemory.setMaximumPoolSize(1);
        try (HikariDataSource pool = new HikariDataSource(pooledInMemory)) {
            use(pool.getConnection());
        }
        cleanUp(tmp);
        System.out.println("done");
    }

    private static void use(Connection connection) throws SQLException {
        try (connection; Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE t (id INT)"); // @line create-table
        }
    }

    /** Leaves /tmp as it was: Derby lets go of its database's files only once that database is shut down. */
    private static void cleanUp(String tmp) throws Exception {
        try {
            DriverManager.getConnection("jdbc:derby:" + tmp + "-stock;shutdown=true");
        } catch (SQLException shutDown) {
            // Derby reports a database shut down as this exception (SQLState 08006).
        }
        WriteApis.deleteTree(Path.of(tmp + "-stock"));
        Files.delete(Path.of(tmp + "-prices.db"));
    }

    private EmbeddedDatabases() {}
}
