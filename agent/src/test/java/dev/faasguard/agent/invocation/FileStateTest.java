package dev.faasguard.agent.invocation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the end of an invocation balances /tmp with: each kind of path, looked at as it is now (under /var/tmp). */
class FileStateTest {

    private final Path root;

    FileStateTest() throws IOException {
        root = ScratchDirectories.create("faasguard-state-");
    }

    @AfterEach
    void cleanUp() throws IOException {
        ScratchDirectories.delete(root);
    }

    @Test
    void aFileIsItsSize() throws IOException {
        Files.writeString(root.resolve("file"), "12345");

        assertEquals(new FileState(true, true, 5), FileState.of(root + "/file"));
        assertEquals(4096, FileState.of(root + "/file").allocated(4096));
    }

    @Test
    void aPathNotThereIsAbsent() {
        assertEquals(FileState.ABSENT, FileState.of(root + "/missing"));
        assertEquals(FileState.ABSENT, FileState.of(root + "/missing/below"));
        assertEquals(FileState.ABSENT, FileState.of(root + "/bad\0name"));
    }

    @Test
    void aDirectoryExistsAndTakesNoBlocks() throws IOException {
        Files.createDirectory(root.resolve("directory"));

        FileState directory = FileState.of(root + "/directory");

        assertEquals(new FileState(true, false, 0), directory);
        assertEquals(0, directory.allocated(4096));
    }

    @Test
    void aLinkIsWhatItLeadsTo() throws IOException {
        Files.writeString(root.resolve("file"), "123");
        Files.createSymbolicLink(root.resolve("to-file"), root.resolve("file"));
        Files.createSymbolicLink(root.resolve("dangling"), root.resolve("missing"));

        assertEquals(new FileState(true, true, 3), FileState.of(root + "/to-file"));
        assertEquals(FileState.ABSENT, FileState.of(root + "/dangling"));
    }
}
