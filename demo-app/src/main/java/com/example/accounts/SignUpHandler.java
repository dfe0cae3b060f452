package com.example.accounts;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code {"email": ..., "name": ...}}: signs an account up in {@code accounts.db}, an SQLite file in the working
 * directory, and falls back to memory when that fails. See the package's description for what goes wrong.
 */
public class SignUpHandler implements RequestHandler<Map<String, String>, String> {

    /** Where accounts go when the database cannot be opened. */
    private static final List<Account> IN_MEMORY = new ArrayList<>();

    @Override
    public String handleRequest(Map<String, String> event, Context context) {
        Account account = Account.of(event);
        try {
            save(account);
        } catch (SQLException e) { // demo: catch
            IN_MEMORY.add(account); // demo: fallback
        }
        return "signed up " + account.email();
    }

    private static void save(Account account) throws SQLException {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:accounts.db")) { // demo: database
            Account.createTable(db);
            account.insertInto(db);
        }
    }
}
