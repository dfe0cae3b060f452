package dev.faasguard.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.databases.EmbeddedDatabases;
import com.example.writes.WriteApis;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * embedded-db-outside-tmp with the real drivers (sqlite-jdbc, H2, HSQLDB, Derby) and a real pool (HikariCP) in a child
 * JVM on JDK 17 and 25: one finding per database kept in a file outside /tmp, whichever way it is opened
 * (DriverManager, the drivers' own DataSources, the pool), at the line that opened it, with its file and no
 * credentials; SQLite's file, written by native code no file hook sees, included; nothing for the twins under /tmp or
 * in memory. The Java databases' own writes outside /tmp are write-outside-tmp findings at the same lines, Derby's
 * derby.log among them, at the line that booted Derby.
 */
class EmbeddedDatabasesIT {

    static Stream<Path> jdks() {
        return ChildJvm.jdks();
    }

    /**
     * The databases that write from Java, and the pool: the lines where their own writes are findings too. Derby
     * creates a table's file when the table is created: at the statement's line.
     */
    private static final List<String> JAVA_DATABASE_LINES = List.of("h2", "hsqldb", "h2-datasource",
            "hsqldb-datasource", "derby", "derby-datasource", "hikari", "create-table");

    /** The test classes, the four drivers and the pool, as the function's class path. */
    private static String classPath() {
        List<String> libraries = List.of("sqlite-jdbc", "h2database", "hsqldb", "org/apache/derby", "HikariCP",
                "slf4j-api");
        String drivers = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> libraries.stream().anyMatch(entry::contains))
                .collect(Collectors.joining(File.pathSeparator));
        return ChildJvm.testClasses() + File.pathSeparator + drivers;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void eachDatabaseInAFileOutsideTmpIsOneFindingAtTheLineThatOpenedIt(Path jdk) throws Exception {
        Path outside = Files.createDirectories(Path.of("/var/tmp", "faasguard-db-" + UUID.randomUUID()));
        SourceLines lines = new SourceLines(EmbeddedDatabases.class);
        ChildJvm.Result result;
        try {
            result = ChildJvm.on(jdk).classpath(classPath()).run(EmbeddedDatabases.class.getName(), outside.toString());
        } finally {
            WriteApis.deleteTree(outside);
        }
        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("done\n", result.stdout(), result::toString);

        Map<Integer, JsonNode> databases = new TreeMap<>();
        List<Integer> javaDatabaseLines = JAVA_DATABASE_LINES.stream().map(lines::of).toList();
        JsonNode derbyLog = null;
        for (JsonNode finding : result.findings()) {
            int line = finding.at("/callSite/line").asInt();
            if (finding.get("rule").asText().equals("embedded-db-outside-tmp")) {
                assertEquals(1, finding.get("count").asInt(), result::toString);
                databases.put(line, finding);
            } else {
                assertEquals("write-outside-tmp", finding.get("rule").asText(), result::toString);
                assertTrue(javaDatabaseLines.contains(line), "the Java drivers' own writes, at the same lines\n" + result);
                assertTrue(finding.at("/detail/path").asText().startsWith(outside + "/"), result::toString);
                if (finding.at("/detail/path").asText().equals(outside.resolve("derby.log").toString())) {
                    derbyLog = finding;
                }
            }
        }
        assertEquals(List.of(lines.of("sqlite"), lines.of("h2"), lines.of("hsqldb"), lines.of("h2-datasource"),
                lines.of("hsqldb-datasource"), lines.of("derby"), lines.of("derby-datasource"), lines.of("hikari")),
                List.copyOf(databases.keySet()), result::toString);
        Map<String, String> files = new TreeMap<>();
        databases.values().forEach(finding -> files.put(finding.at("/detail/file").asText(),
                finding.at("/detail/database").asText()));
        assertEquals(new TreeMap<>(Map.of(outside.resolve("prices.db").toString(), "SQLite",
                outside.resolve("orders.mv.db").toString(), "H2",
                outside.resolve("ledger.script").toString(), "HSQLDB",
                outside.resolve("carts.mv.db").toString(), "H2",
                outside.resolve("journal.script").toString(), "HSQLDB",
                outside.resolve("stock").toString(), "Derby",
                outside.resolve("invoices").toString(), "Derby",
                outside.resolve("sessions.mv.db").toString(), "H2")), files, result::toString);
        assertFalse(result.toString().contains("hunter2"), "no credentials anywhere\n" + result);
        assertTrue(databases.get(lines.of("h2")).at("/detail/url").asText().endsWith(";USER=***;PASSWORD=***"),
                result::toString);
        assertEquals("jdbc:derby:stock;create=true;user=***;password=***",
                databases.get(lines.of("derby")).at("/detail/url").asText(), result::toString);
        assertNotNull(derbyLog, "Derby writes derby.log into derby.system.home when it boots\n" + result);
        assertEquals(lines.of("derby"), derbyLog.at("/callSite/line").asInt(), result::toString);
    }
}
