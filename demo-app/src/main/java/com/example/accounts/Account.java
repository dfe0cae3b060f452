package com.example.accounts;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;

/** An account as the sign-up form sends it, and how it is stored. */
record Account(String email, String name) {

    static Account of(Map<String, String> event) {
        return new Account(event.get("email"), event.get("name"));
    }

    static void createTable(Connection db) throws SQLException {
        try (PreparedStatement create = db.prepareStatement(
                "CREATE TABLE IF NOT EXISTS accounts (email TEXT PRIMARY KEY, name TEXT NOT NULL)")) {
            create.execute();
        }
    }

    void insertInto(Connection db) throws SQLException {
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO accounts (email, name) VALUES (?, ?)")) {
            insert.setString(1, email);
            insert.setString(2, name);
            insert.executeUpdate();
        }
    }
}
