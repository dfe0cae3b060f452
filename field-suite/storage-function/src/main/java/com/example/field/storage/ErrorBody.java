package com.example.field.storage;

import java.sql.SQLException;

/**
 * What a function answers when its database is unavailable: a 503 for the caller with the SQLState and the
 * driver's error code, never the driver's message (it names the function's files; the log has it).
 */
public record ErrorBody(int statusCode, String error, String sqlState, int vendorCode) {

    static ErrorBody unavailable(String what, SQLException e) {
        return new ErrorBody(503, what + " unavailable", e.getSQLState(), e.getErrorCode());
    }
}
