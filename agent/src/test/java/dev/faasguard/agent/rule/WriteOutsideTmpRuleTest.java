package dev.faasguard.agent.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faasguard.bootstrap.Operations;
import dev.faasguard.bootstrap.WritableRoots;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WriteOutsideTmpRuleTest {

    private final Set<String> existing = Set.of("/var/task/existing.txt", "/var/task/existing-dir");
    private final WriteOutsideTmpRule rule = new WriteOutsideTmpRule(new RuleContext(
            WritableRoots.of(List.of("/tmp", "/mnt/efs")), "/var/task", "/tmp", "/home/sbx_user1051", existing::contains,
            RuntimeApiAddress.NONE));

    private Optional<Violation> evaluate(String operation, String path, String other) {
        return rule.evaluate(new FileWrite(operation, path, other));
    }

    @Test
    void aWriteOutsideTheRootsIsAViolationNamingPathAndOperation() {
        Violation violation = evaluate(Operations.OPEN_FOR_WRITE, "users.json", null).orElseThrow();
        assertEquals("/var/task/users.json", violation.detail().get("path"));
        assertEquals("open-for-write", violation.detail().get("operation"));
        assertTrue(violation.message().contains("Read-only file system"), violation.message());
        assertEquals("write-outside-tmp", violation.rule().id());
        assertEquals(Severity.ERROR, violation.rule().severity());
    }

    @Test
    void writesUnderAnyRootAreFine() {
        assertEquals(Optional.empty(), evaluate(Operations.OPEN_FOR_WRITE, "/tmp/x", null));
        assertEquals(Optional.empty(), evaluate(Operations.OPEN_FOR_WRITE, "/mnt/efs/x", null));
        assertEquals(Optional.empty(), evaluate(Operations.OPEN_FOR_WRITE, "../../tmp/x", null));
    }

    @Test
    void dotDotOutOfTmpIsOutside() {
        assertEquals("/var/task/x", evaluate(Operations.OPEN_FOR_WRITE, "/tmp/../var/task/x", null)
                .orElseThrow().detail().get("path"));
    }

    @Test
    void devicesAreNeverFindings() {
        for (String device : List.of("/dev/null", "/dev/stdout", "/dev/stderr", "/dev/fd/2", "/proc/self/fd/1")) {
            assertEquals(Optional.empty(), evaluate(Operations.OPEN_FOR_WRITE, device, null), device);
        }
    }

    @Test
    void onlyWhatTheKernelWouldRefuseWithEroFs() {
        assertEquals(Optional.empty(), evaluate(Operations.CREATE_DIRECTORY, "existing-dir", null), "EEXIST, not EROFS");
        assertTrue(evaluate(Operations.CREATE_DIRECTORY, "new-dir", null).isPresent());
        assertEquals(Optional.empty(), evaluate(Operations.DELETE, "missing.txt", null), "ENOENT, not EROFS");
        assertTrue(evaluate(Operations.DELETE, "existing.txt", null).isPresent());
        assertEquals(Optional.empty(), evaluate(Operations.MOVE, "/tmp/to", "/var/task/missing"), "nothing to move");
    }

    @Test
    void aMoveOutOfAReadOnlyDirectoryIsOutsideEvenIntoTmp() {
        Violation violation = evaluate(Operations.MOVE, "/tmp/moved.txt", "/var/task/existing.txt").orElseThrow();
        assertEquals("/var/task/existing.txt", violation.detail().get("path"));
        assertEquals("/var/task/existing.txt", violation.detail().get("source"));
    }

    @Test
    void aCopyOutOfAReadOnlyDirectoryIntoTmpIsFine() {
        assertEquals(Optional.empty(), evaluate(Operations.COPY, "/tmp/copy.txt", "/var/task/existing.txt"));
    }

    @Test
    void logHandlerPatternsAreExpanded() {
        assertEquals(Optional.empty(), evaluate(Operations.LOG_FILE, "%t/app%u.log", null));
        assertEquals("/home/sbx_user1051/app0.log",
                evaluate(Operations.LOG_FILE, "%h/app%g.log", null).orElseThrow().detail().get("path"));
        assertEquals("/var/task/100%.log",
                evaluate(Operations.LOG_FILE, "100%%.log", null).orElseThrow().detail().get("path"));
    }

    /** A file system with two links: /tmp/x/link -> /var/data and /var/link -> /tmp/x. */
    private static final class Links implements FileProbe {
        @Override
        public boolean exists(String absolutePath) {
            return false;
        }

        @Override
        public String realPath(String absolutePath) {
            String normalized = WritableRoots.normalize(absolutePath);
            return normalized.replaceFirst("^/tmp/x/link(/|$)", "/var/data$1").replaceFirst("^/var/link(/|$)", "/tmp/x$1");
        }
    }

    private final WriteOutsideTmpRule withLinks = new WriteOutsideTmpRule(new RuleContext(WritableRoots.TMP_ONLY,
            "/var/task", "/tmp", "/home/sbx_user1051", new Links(), RuntimeApiAddress.NONE));

    @Test
    void aWriteThroughALinkInTmpToOutsideIsJudgedWhereItReallyGoes() {
        Violation violation = withLinks.evaluate(new FileWrite(Operations.OPEN_FOR_WRITE, "/tmp/x/link/f", null))
                .orElseThrow();
        assertEquals("/tmp/x/link/f", violation.detail().get("path"));
        assertEquals("/var/data/f", violation.detail().get("resolvedPath"));
        assertTrue(violation.message().startsWith(
                "Opening for write /tmp/x/link/f (through a symbolic link, really /var/data/f) outside the writable"),
                violation.message());
    }

    @Test
    void aWriteThroughALinkOutsideThatLeadsIntoTmpIsFine() {
        assertEquals(Optional.empty(), withLinks.evaluate(new FileWrite(Operations.OPEN_FOR_WRITE, "/var/link/f", null)));
        assertEquals(Optional.empty(), withLinks.evaluate(new FileWrite(Operations.MOVE, "/tmp/f", "/var/link/f")));
    }

    @Test
    void aWriteWithoutLinksNamesNoResolvedPath() {
        assertEquals(null, withLinks.evaluate(new FileWrite(Operations.OPEN_FOR_WRITE, "/var/task/f", null))
                .orElseThrow().detail().get("resolvedPath"));
    }
}
