package dev.faasguard.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
 * embedded-db-outside-tmp with the real drivers (sqlite-jdbc, H2, HSQLDB) in a child JVM on JDK 17 and 25: one finding
 * per database kept in a file outside /tmp, at the line that opened it, with its file and no credentials; SQLite's
 * file, written by native code no file hook sees, included; nothing for the twins under /tmp or in memory.
 */
class EmbeddedDatabasesIT {

    static Stream<Path> jdks() {
        return ChildJvm.jdks();
    }

    /** The test classes and the three drivers, as the function's class path. */
    private static String classPath() {
        String drivers = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> entry.contains("sqlite-jdbc") || entry.contains("h2database") || entry.contains("hsqldb"))
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
        for (JsonNode finding : result.findings()) {
            int line = finding.at("/callSite/line").asInt();
            if (finding.get("rule").asText().equals("embedded-db-outside-tmp")) {
                databases.put(line, finding);
            } else {
                assertEquals("write-outside-tmp", finding.get("rule").asText(), result::toString);
                assertTrue(List.of(lines.of("h2"), lines.of("hsqldb")).contains(line),
                        "the Java drivers' own writes, at the same lines\n" + result);
            }
        }
        assertEquals(List.of(lines.of("sqlite"), lines.of("h2"), lines.of("hsqldb")), List.copyOf(databases.keySet()),
                result::toString);
        assertEquals(outside.resolve("prices.db").toString(), databases.get(lines.of("sqlite")).at("/detail/file").asText());
        assertEquals(outside.resolve("orders.mv.db").toString(), databases.get(lines.of("h2")).at("/detail/file").asText());
        assertEquals("HSQLDB", databases.get(lines.of("hsqldb")).at("/detail/database").asText());
        assertFalse(result.toString().contains("hunter2"), "no credentials anywhere\n" + result);
        assertTrue(databases.get(lines.of("h2")).at("/detail/url").asText().endsWith(";USER=***;PASSWORD=***"),
                result::toString);
    }
}
