package com.example.accounts;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;

/**
 * {@link SignUpHandler}, corrected: the database is a file under /tmp, the one writable directory, opened once at
 * init and kept for the environment's warm invocations (a new environment starts with an empty one: accounts that
 * must outlive it belong in an external database); and a sign-up that cannot be saved fails the invocation, with the
 * database's error as its cause, instead of pretending it was saved.
 */
public class FixedSignUpHandler implements RequestHandler<Map<String, String>, String> {

    private final Connection db;

    public FixedSignUpHandler() throws SQLException {
        db = DriverManager.getConnection("jdbc:sqlite:/tmp/accounts.db");
        Account.createTable(db);
    }

    @Override
    public String handleRequest(Map<String, String> event, Context context) {
        Account account = Account.of(event);
        try {
            account.insertInto(db);
        } catch (SQLException e) {
            throw new IllegalStateException("could not save the account of " + account.email(), e);
        }
        return "signed up " + account.email();
    }
}
