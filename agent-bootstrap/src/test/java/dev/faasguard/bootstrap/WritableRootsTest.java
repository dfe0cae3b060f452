package dev.faasguard.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class WritableRootsTest {

    private final WritableRoots tmpAndEfs = WritableRoots.of(List.of("/tmp/", "/mnt/efs"));

    @Test
    void quickContainsAcceptsOnlyCleanAbsolutePathsUnderARoot() {
        assertTrue(tmpAndEfs.quickContains("/tmp/a.json"));
        assertTrue(tmpAndEfs.quickContains("/mnt/efs/data/x"));
        assertFalse(tmpAndEfs.quickContains("/tmpfoo/a.json"), "a sibling that shares the prefix is outside");
        assertFalse(tmpAndEfs.quickContains("/tmp/../var/task/x"), "dot segments go to the slow path");
        assertFalse(tmpAndEfs.quickContains("users.json"), "relative paths go to the slow path");
        assertFalse(tmpAndEfs.quickContains("/var/task/users.json"));
        assertFalse(tmpAndEfs.quickContains(""));
    }

    @Test
    void resolveNormalizesAgainstTheWorkingDirectory() {
        assertEquals("/var/task/users.json", WritableRoots.resolve("users.json", "/var/task"));
        assertEquals("/var/task/x", WritableRoots.resolve("/tmp/../var/task/x", "/ignored"));
        assertEquals("/tmp/a", WritableRoots.resolve("./a", "/tmp/"));
        assertEquals("/", WritableRoots.resolve("../../..", "/a"));
        assertEquals("/tmp/b", WritableRoots.resolve("//tmp//./b/", "/"));
    }

    @Test
    void aPathAlreadyNormalIsKeptAndEveryOtherIsRebuilt() {
        for (String normal : List.of("/", "/tmp", "/var/task/users.json", "/a/.b", "/a/..b", "/a/b.", "/a/...")) {
            assertTrue(WritableRoots.isNormal(normal), normal);
            assertEquals(normal, WritableRoots.normalize(normal));
        }
        for (String other : List.of("", "tmp/a", "/tmp/", "//tmp", "/tmp//a", "/.", "/..", "/a/.", "/a/..", "/a/./b",
                "/a/../b")) {
            assertFalse(WritableRoots.isNormal(other), other);
        }
        assertEquals("/tmp", WritableRoots.normalize("/tmp/"));
        assertEquals("/", WritableRoots.normalize("/.."));
        assertEquals("/a", WritableRoots.normalize("/a/."));
        assertEquals("/b", WritableRoots.normalize("/a/../b"));
    }

    @Test
    void containsTreatsTheRootItselfAsInside() {
        assertTrue(tmpAndEfs.contains("/tmp"));
        assertTrue(tmpAndEfs.contains("/tmp/x/y"));
        assertFalse(tmpAndEfs.contains("/"));
        assertFalse(tmpAndEfs.contains("/mnt"));
    }

    @Test
    void slashAsARootMakesEverythingWritable() {
        WritableRoots everything = WritableRoots.of(List.of("/"));
        assertTrue(everything.quickContains("/var/task/x"));
        assertTrue(everything.contains("/etc"));
    }

    @Test
    void relativeRootsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> WritableRoots.of(List.of("tmp")));
    }

    @Test
    void aRealPathWithoutLinksIsThePathAsWrittenEvenWithANameTheEncodingCannotHold() {
        assertEquals("/var/tmp/lone-\ud800.txt", WritableRoots.realPath("/var/tmp/./lone-\ud800.txt"));
        assertEquals("/var/tmp/missing/deeper/x", WritableRoots.realPath("/var/tmp/missing/deeper/x"));
        assertEquals("/var/tmp/" + "d/".repeat(5_000).substring(0, 9_999),
                WritableRoots.realPath("/var/tmp/" + "d/".repeat(5_000)), "too long to resolve: as written");
    }
}
