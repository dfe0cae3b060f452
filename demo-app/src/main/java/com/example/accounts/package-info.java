/**
 * A sign-up function ported from the web app of the first field report (a Flask app moved to a serverless platform),
 * with the second report's error handling. {@link com.example.accounts.SignUpHandler} is the code as it ran on a
 * server: it keeps its accounts in an SQLite file next to its code, which the platform mounts read-only; when the
 * file cannot be opened it catches the error, keeps the account in a static list instead (the report's "graceful
 * fallback to in-memory storage") and answers as if it had been saved. Nobody sees why, the list grows with every
 * warm invocation, and each new environment starts with it empty. {@link com.example.accounts.FixedSignUpHandler} is
 * its corrected twin: the database under /tmp, opened once at init, and a failure that fails the invocation with its
 * cause.
 */
package com.example.accounts;
