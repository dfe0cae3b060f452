package dev.faasguard.bench.jmh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What {@code embedded-db-outside-tmp} adds where it watches: a connection to an embedded database (H2 here, whose
 * {@code JdbcConnection} constructor is hooked; SQLite's, HSQLDB's and Derby's hooks are the same call). Each
 * benchmark keeps one connection open for the whole trial, so that opening another is H2's quick path to a database
 * already open rather than a file's recovery. Run by bench/jmh-compare.sh without and with the agent (the command is
 * in bench/RESULTS.md, "Step 12: what embedded-db-outside-tmp and handler-not-found cost"):
 * <ol>
 *   <li>in memory: never a finding, the cost every connection pays;</li>
 *   <li>a file under /tmp: never a finding either, the URL resolved and judged inside the writable roots;</li>
 *   <li>a file outside /tmp, from one line again and again: a repeated finding (a stack walk and a count).</li>
 * </ol>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
public class EmbeddedDatabaseBenchmark {

    @Benchmark
    public boolean inMemory(InMemory database) throws SQLException {
        return openAndClose(database.url);
    }

    @Benchmark
    public boolean fileInTmp(FileInTmp database) throws SQLException {
        return openAndClose(database.url);
    }

    @Benchmark
    public boolean fileOutsideTmpRepeated(FileOutsideTmp database) throws SQLException {
        return openAndClose(database.url);
    }

    private static boolean openAndClose(String url) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
            return connection.isClosed();
        }
    }

    /** One embedded database, kept open by a connection for the trial. */
    @State(Scope.Benchmark)
    public abstract static class OpenDatabase {
        String url;
        private Connection keptOpen;
        private Path directory;

        /** @return the database's directory, or null when it lives in memory */
        abstract Path directory() throws IOException;

        abstract String url(Path directory);

        @Setup(Level.Trial)
        public void open() throws IOException, SQLException {
            AgentPresence.verify();
            directory = directory();
            url = url(directory);
            keptOpen = DriverManager.getConnection(url, "sa", "");
        }

        @TearDown(Level.Trial)
        public void close() throws IOException, SQLException {
            keptOpen.close();
            if (directory != null) {
                try (var files = Files.list(directory)) {
                    for (Path file : files.toList()) {
                        Files.deleteIfExists(file);
                    }
                }
                Files.deleteIfExists(directory);
            }
        }
    }

    public static class InMemory extends OpenDatabase {
        @Override
        Path directory() {
            return null;
        }

        @Override
        String url(Path directory) {
            return "jdbc:h2:mem:faasguard-bench";
        }
    }

    /** A file database in a directory made under {@code parent} for the trial. */
    abstract static class FileDatabase extends OpenDatabase {
        private final String parent;

        FileDatabase(String parent) {
            this.parent = parent;
        }

        @Override
        Path directory() throws IOException {
            return Files.createTempDirectory(Path.of(parent), "faasguard-bench-h2-");
        }

        @Override
        String url(Path directory) {
            return "jdbc:h2:" + directory.resolve("orders");
        }
    }

    public static class FileInTmp extends FileDatabase {
        public FileInTmp() {
            super("/tmp");
        }
    }

    public static class FileOutsideTmp extends FileDatabase {
        public FileOutsideTmp() {
            super("/var/tmp");
        }
    }
}
