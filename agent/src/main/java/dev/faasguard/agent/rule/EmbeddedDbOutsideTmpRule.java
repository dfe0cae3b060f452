package dev.faasguard.agent.rule;

import dev.faasguard.bootstrap.WritableRoots;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code embedded-db-outside-tmp}: a file-backed embedded database (SQLite, H2, HSQLDB, Derby) opened outside the
 * writable roots. Judged where the connection is made, from its URL, so a database that writes from native code
 * (SQLite) or through channels is found as surely as one writing through java.io: on Lambda it fails with
 * "Read-only file system", and whatever it held would be lost with the environment anyway.
 */
public final class EmbeddedDbOutsideTmpRule implements Rule<String> {

    public static final RuleDescription DESCRIPTION = new RuleDescription("embedded-db-outside-tmp", Severity.ERROR,
            "A file-backed embedded database is opened outside /tmp: on a read-only file system it cannot be written.",
            "Use an in-memory URL (jdbc:h2:mem:, jdbc:sqlite::memory:, jdbc:hsqldb:mem:, jdbc:derby:memory:) for "
                    + "data the invocation needs, a file under /tmp for a cache (lost at every cold start), or an "
                    + "external database for data that must last.",
            List.of("DriverManager.getConnection", "Driver.connect", "DataSource.getConnection"));

    /** How many URLs' verdicts are remembered; beyond it, all are forgotten and learnt again. */
    private static final int REMEMBERED_URLS = 256;

    private final WritableRoots roots;
    private final String workingDirectory;
    private final String homeDirectory;
    private final Map<String, Optional<Violation>> verdicts = new ConcurrentHashMap<>();

    public EmbeddedDbOutsideTmpRule(RuleContext context) {
        this.roots = context.roots();
        this.workingDirectory = context.workingDirectory();
        this.homeDirectory = context.homeDirectory();
    }

    @Override
    public RuleDescription description() {
        return DESCRIPTION;
    }

    /**
     * @param url the JDBC URL a driver is asked to connect to. A pool opens many connections to one database: its
     *     verdict is remembered by URL (and Derby's home), so that only the first pays for resolving the file's real
     *     path (several system calls) and the message; a database file later moved behind a link keeps its verdict.
     */
    @Override
    public Optional<Violation> evaluate(String url) {
        // Read at each connection, as Derby does when it boots: the application may set it in code first.
        String derbyHome = System.getProperty("derby.system.home");
        String key = derbyHome == null ? url : url + "\n" + derbyHome;
        Optional<Violation> known = verdicts.get(key);
        if (known != null) {
            return known;
        }
        Optional<Violation> verdict = judge(url, derbyHome);
        if (verdicts.size() >= REMEMBERED_URLS) {
            verdicts.clear();
        }
        verdicts.put(key, verdict);
        return verdict;
    }

    private Optional<Violation> judge(String url, String derbyHome) {
        Optional<EmbeddedDatabaseUrl.OnDisk> onDisk = EmbeddedDatabaseUrl.parse(url, workingDirectory, homeDirectory,
                derbyHome);
        if (onDisk.isEmpty() || roots.containsReal(WritableRoots.realPath(onDisk.get().file()))) {
            return Optional.empty();
        }
        EmbeddedDatabaseUrl.OnDisk database = onDisk.get();
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("database", database.database());
        detail.put("url", database.url());
        detail.put("file", database.file());
        return Optional.of(new Violation(DESCRIPTION, database.database() + " database " + database.file()
                + " (" + database.url() + ") is outside the writable roots (" + roots + "): on AWS Lambda it "
                + "cannot be created or written (Read-only file system), and it would be lost with the environment",
                detail));
    }
}
