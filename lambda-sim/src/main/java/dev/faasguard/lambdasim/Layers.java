package dev.faasguard.lambdasim;

import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Lambda layers: zip files extracted, in order, into the one directory the function sees as {@code /opt} (a later
 * layer's file replaces an earlier one's). Each file keeps the permissions stored in the zip, so an exec wrapper
 * packed with mode 0755 is executable, and one packed without is not, as on Lambda.
 */
final class Layers {

    private Layers() {
    }

    /** Extracts {@code zips} into {@code opt} (created). */
    static void extract(List<Path> zips, Path opt) throws IOException {
        Files.createDirectories(opt);
        for (Path zip : zips) {
            if (!Files.isRegularFile(zip)) {
                throw new IOException("no such layer: " + zip);
            }
            try (FileSystem layer = FileSystems.newFileSystem(URI.create("jar:" + zip.toUri()), Map.of());
                 Stream<Path> entries = Files.walk(layer.getPath("/"))) {
                for (Path entry : entries.toList()) {
                    Path target = opt.resolve(entry.toString().substring(1)).normalize();
                    if (!target.startsWith(opt)) {
                        throw new IOException("layer " + zip + " has an entry outside /opt: " + entry);
                    }
                    if (Files.isDirectory(entry)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(entry, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                    Set<PosixFilePermission> mode = modeOf(entry);
                    if (mode != null) {
                        Files.setPosixFilePermissions(target, mode);
                    }
                }
            }
        }
    }

    /** The Unix mode stored with the entry, or null for one stored without (then the file system's default applies). */
    @SuppressWarnings("unchecked")
    private static Set<PosixFilePermission> modeOf(Path entry) throws IOException {
        return (Set<PosixFilePermission>) Files.getAttribute(entry, "zip:permissions");
    }
}
