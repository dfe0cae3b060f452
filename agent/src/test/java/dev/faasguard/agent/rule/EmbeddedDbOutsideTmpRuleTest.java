package dev.faasguard.agent.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faasguard.bootstrap.WritableRoots;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The files an embedded database's URL makes it write, judged against /tmp, from /var/task as on Lambda. */
class EmbeddedDbOutsideTmpRuleTest {

    private final EmbeddedDbOutsideTmpRule rule = new EmbeddedDbOutsideTmpRule(new RuleContext(WritableRoots.TMP_ONLY,
            "/var/task", "/tmp", "/home/sbx_user1051", FileProbe.REAL, RuntimeApiAddress.NONE));

    private static Optional<String> fileOf(String url) {
        return EmbeddedDatabaseUrl.parse(url, "/var/task", "/home/app").map(EmbeddedDatabaseUrl.OnDisk::file);
    }

    @Test
    void eachDriversUrlIsResolvedToTheFileItWrites() {
        assertEquals(Optional.of("/var/task/app.db"), fileOf("jdbc:sqlite:app.db"));
        assertEquals(Optional.of("/var/task/data/app.db"), fileOf("jdbc:sqlite:file:./data/app.db?cache=shared"));
        assertEquals(Optional.of("/var/task/data/orders.mv.db"), fileOf("jdbc:h2:./data/orders;USER=sa;PASSWORD=x"));
        assertEquals(Optional.of("/home/app/orders.mv.db"), fileOf("jdbc:h2:~/orders"));
        assertEquals(Optional.of("/tmp/orders.mv.db"), fileOf("jdbc:h2:file:/tmp/orders;AUTO_SERVER=TRUE"));
        assertEquals(Optional.of("/var/task/db/ledger.script"), fileOf("jdbc:hsqldb:file:db/ledger;shutdown=true"));
    }

    @Test
    void derbysNameIsItsDirectoryUnderDerbySystemHomeElseTheWorkingDirectory() {
        assertEquals(Optional.of("/var/task/orders"), fileOf("jdbc:derby:orders;create=true"));
        assertEquals(Optional.of("/var/task/db/orders"), fileOf("jdbc:derby:directory:db/orders;user=app"));
        assertEquals(Optional.of("/data/orders"), fileOf("jdbc:derby:/data/orders"));
        assertEquals(Optional.of("/var/task/orders"), fileOf("jdbc:derby:;databaseName=orders;create=true"));
        assertEquals(Optional.of("/opt/derby/orders"), EmbeddedDatabaseUrl.parse("jdbc:derby:orders", "/var/task",
                "/home/app", "/opt/derby").map(EmbeddedDatabaseUrl.OnDisk::file));
        assertEquals(Optional.of("/var/task/home/orders"), EmbeddedDatabaseUrl.parse("jdbc:derby:orders", "/var/task",
                "/home/app", "home").map(EmbeddedDatabaseUrl.OnDisk::file));
        assertEquals(Optional.of("/tmp/orders"), EmbeddedDatabaseUrl.parse("jdbc:derby:orders", "/var/task",
                "/home/app", "/tmp").map(EmbeddedDatabaseUrl.OnDisk::file));
    }

    @Test
    void inMemoryRemoteAndReadOnlyDatabasesWriteNoFile() {
        for (String url : new String[] {"jdbc:sqlite::memory:", "jdbc:sqlite:", "jdbc:sqlite:file:x?mode=memory",
                "jdbc:h2:mem:orders;DB_CLOSE_DELAY=-1", "jdbc:h2:tcp://db:9092/orders", "jdbc:hsqldb:mem:ledger",
                "jdbc:hsqldb:hsql://db/ledger", "jdbc:hsqldb:res:/ledger", "jdbc:postgresql://db/orders",
                "jdbc:derby:memory:orders;create=true", "jdbc:derby:classpath:orders", "jdbc:derby:jar:(/a.jar)orders",
                "jdbc:derby://db:1527/orders", "jdbc:derby:;shutdown=true"}) {
            assertEquals(Optional.empty(), fileOf(url), url);
        }
    }

    @Test
    void aDatabaseOutsideTmpIsAFindingWithItsFileAndNoCredentials() {
        Violation violation = rule.evaluate("jdbc:h2:./data/orders;USER=sa;PASSWORD=hunter2").orElseThrow();
        assertEquals("H2", violation.detail().get("database"));
        assertEquals("/var/task/data/orders.mv.db", violation.detail().get("file"));
        assertEquals("jdbc:h2:./data/orders;USER=***;PASSWORD=***", violation.detail().get("url"));
        assertFalse(violation.message().contains("hunter2"), violation.message());
        assertTrue(violation.message().startsWith("H2 database /var/task/data/orders.mv.db"), violation.message());
    }

    @Test
    void derbysCredentialsAreMasked() {
        Violation violation = rule.evaluate("jdbc:derby:/data/orders;create=true;user=app;password=hunter2")
                .orElseThrow();
        assertEquals("Derby", violation.detail().get("database"));
        assertEquals("jdbc:derby:/data/orders;create=true;user=***;password=***", violation.detail().get("url"));
    }

    @Test
    void aDatabaseUnderTmpOrInMemoryIsNone() {
        assertEquals(Optional.empty(), rule.evaluate("jdbc:sqlite:/tmp/prices.db"));
        assertEquals(Optional.empty(), rule.evaluate("jdbc:h2:mem:orders"));
        assertEquals(Optional.empty(), rule.evaluate("jdbc:derby:/tmp/orders;create=true"));
    }

    @Test
    void aUrlIsJudgedOnceAndDerbysHomeIsPartOfIt() {
        String url = "jdbc:h2:./data/orders";
        assertSame(rule.evaluate(url).orElseThrow(), rule.evaluate(url).orElseThrow(), "remembered, not judged again");
        String previous = System.getProperty("derby.system.home");
        try {
            System.setProperty("derby.system.home", "/tmp/derby");
            assertEquals(Optional.empty(), rule.evaluate("jdbc:derby:orders;create=true"));
            System.setProperty("derby.system.home", "/var/derby");
            assertEquals("/var/derby/orders",
                    rule.evaluate("jdbc:derby:orders;create=true").orElseThrow().detail().get("file"));
        } finally {
            if (previous == null) {
                System.clearProperty("derby.system.home");
            } else {
                System.setProperty("derby.system.home", previous);
            }
        }
    }
}
