package dev.faasguard.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** faasguard-layer.zip holds what Lambda must find in /opt, with the wrapper executable. */
class LayerZipIT {

    @Test
    void theZipHoldsTheWrapperAndTheAgentWhereLambdaLooksForThem() throws Exception {
        Path zip = ExecWrapperIT.existing("faasguard.layer.zip");
        try (FileSystem layer = FileSystems.newFileSystem(URI.create("jar:" + zip.toUri()), Map.of());
             Stream<Path> entries = Files.walk(layer.getPath("/"))) {
            assertEquals(List.of("/", "/faasguard", "/faasguard-handler", "/faasguard/faasguard-agent.jar"),
                    entries.map(Path::toString).sorted().toList());

            Path wrapper = layer.getPath("/faasguard-handler");
            assertEquals("rwxr-xr-x", mode(wrapper), "Lambda runs /opt/faasguard-handler as the zip has it");
            assertArrayEquals(Files.readAllBytes(ExecWrapperIT.existing("faasguard.layer.wrapper")),
                    Files.readAllBytes(wrapper));

            Path agent = layer.getPath("/faasguard/faasguard-agent.jar");
            assertEquals("rw-r--r--", mode(agent));
            assertArrayEquals(Files.readAllBytes(ExecWrapperIT.existing("faasguard.agent.jar")),
                    Files.readAllBytes(agent), "the agent jar as built");
        }
    }

    /** The Unix mode stored with a zip entry. */
    @SuppressWarnings("unchecked")
    private static String mode(Path entry) throws IOException {
        Set<PosixFilePermission> mode = (Set<PosixFilePermission>) Files.getAttribute(entry, "zip:permissions");
        return mode == null ? "(none)" : PosixFilePermissions.toString(mode);
    }
}
