package dev.faasguard.agent.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writing the report where someone else may have planted files first. */
class AtomicFileTest {

    @TempDir
    Path directory;

    @Test
    void aSymlinkPlantedAtTheTemporaryFilesNameIsNotFollowed() throws IOException {
        Path victim = Files.writeString(directory.resolve("victim.txt"), "precious");
        Path report = directory.resolve("report.json");
        // The temporary file's name is predictable: this process's id.
        Files.createSymbolicLink(directory.resolve(".report.json." + ProcessId.current() + ".tmp"), victim);

        AtomicFile.write(report, "{}", false);

        assertEquals("precious", Files.readString(victim));
        assertFalse(Files.isSymbolicLink(report));
        assertEquals("{}", Files.readString(report));
    }

    @Test
    void aSymlinkPlantedAtTheReportsNameIsReplacedNotFollowed() throws IOException {
        Path victim = Files.writeString(directory.resolve("victim.txt"), "precious");
        Path report = directory.resolve("report.json");
        Files.createSymbolicLink(report, victim);

        AtomicFile.write(report, "{}", false);

        assertEquals("precious", Files.readString(victim));
        assertFalse(Files.isSymbolicLink(report));
        assertEquals("{}", Files.readString(report));
    }

    @Test
    void aSymlinkPlantedAtTheReservesNameIsNotFollowed() throws IOException {
        Path victim = Files.writeString(directory.resolve("victim.txt"), "precious");
        Path reserve = directory.resolve(".report.json.reserve");
        Files.createSymbolicLink(reserve, victim);

        AtomicFile.write(directory.resolve("report.json"), "{}", true);

        assertEquals("precious", Files.readString(victim));
        assertFalse(Files.isSymbolicLink(reserve));
        assertEquals(AtomicFile.RESERVE_BYTES, Files.size(reserve));
    }
}
