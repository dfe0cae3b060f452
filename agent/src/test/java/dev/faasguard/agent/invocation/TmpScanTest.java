package dev.faasguard.agent.invocation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A walk of a /tmp-like directory (made under /var/tmp: tests leave /tmp alone) with symbolic links in it. */
class TmpScanTest {

    private final Path root;

    TmpScanTest() throws IOException {
        root = ScratchDirectories.create("faasguard-scan-");
    }

    @AfterEach
    void cleanUp() throws IOException {
        ScratchDirectories.delete(root);
    }

    @Test
    void linksAreListedNeitherFollowedNorCounted() throws IOException {
        Files.writeString(root.resolve("file"), "12345");
        Files.createSymbolicLink(root.resolve("to-file"), root.resolve("file"));
        Files.createSymbolicLink(root.resolve("dangling"), Path.of("/var/data/missing"));

        TmpScan.Scan scan = TmpScan.walk(root, List.of(), null, 0);

        assertEquals(List.of(root + "/dangling", root + "/to-file"), scan.links().stream().sorted().toList());
        assertEquals(5, scan.bytes());
    }
}
