package dev.faasguard.desugar;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;

/**
 * Rewrites a jar in place: every class's lambda call sites become generated classes, written right after
 * their host; every other entry, and every class without a lambda, is copied byte for byte in its order.
 * Entries the caller names are stored uncompressed (with the classes generated for them): a class loaded
 * from such an entry is read without inflating it, which on a cold start is CPU time saved.
 */
final class JarDesugarer {

    private record Entry(ZipEntry zip, byte[] bytes) {}

    private JarDesugarer() {}

    /** @param storedUncompressed which entries (by name) to store uncompressed; the others keep their method */
    static DesugarStatistics desugar(Path jar, Predicate<String> storedUncompressed) throws IOException {
        List<Entry> entries = read(jar);
        ClassIndex index = new ClassIndex();
        Set<String> taken = new HashSet<>();
        for (Entry entry : entries) {
            if (isRewritable(entry.zip().getName())) {
                index.add(entry.bytes());
                taken.add(entry.zip().getName().replaceFirst("\\.class$", ""));
            }
        }
        DesugarStatistics statistics = new DesugarStatistics();
        // A sibling written with the build's usual permissions (a temporary file would be readable by its owner only).
        Path rewritten = jar.resolveSibling(jar.getFileName() + ".desugaring");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(rewritten))) {
            for (Entry entry : entries) {
                boolean stored = storedUncompressed.test(entry.zip().getName());
                if (!isRewritable(entry.zip().getName())) {
                    copy(out, entry.zip(), entry.bytes(), stored);
                    continue;
                }
                int before = statistics.replacedCount();
                ClassReader reader = new ClassReader(entry.bytes());
                ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
                HostRewriter rewriter = new HostRewriter(writer, index, wanted -> reserve(taken, wanted), statistics);
                reader.accept(rewriter, 0);
                if (statistics.replacedCount() == before) {
                    copy(out, entry.zip(), entry.bytes(), stored);
                    continue;
                }
                copy(out, entry.zip(), writer.toByteArray(), stored);
                for (HostRewriter.GeneratedClass generated : rewriter.generated()) {
                    ZipEntry zip = new ZipEntry(generated.name() + ".class");
                    zip.setTime(entry.zip().getTime());
                    copy(out, zip, generated.bytes(), stored);
                }
            }
        } catch (IOException | RuntimeException failure) {
            Files.deleteIfExists(rewritten);
            throw failure;
        }
        Files.move(rewritten, jar, StandardCopyOption.REPLACE_EXISTING);
        return statistics;
    }

    /** Classes of the jar proper; not module descriptors, nor a multi-release jar's versioned classes. */
    private static boolean isRewritable(String name) {
        return name.endsWith(".class") && !name.startsWith("META-INF/") && !name.endsWith("module-info.class");
    }

    /** The wanted name, or the first free one after it; reserved from then on. */
    private static String reserve(Set<String> taken, String wanted) {
        String name = wanted;
        for (int suffix = 1; !taken.add(name); suffix++) {
            name = wanted + "$" + suffix;
        }
        return name;
    }

    private static List<Entry> read(Path jar) throws IOException {
        List<Entry> entries = new ArrayList<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            Enumeration<? extends ZipEntry> all = zip.entries();
            while (all.hasMoreElements()) {
                ZipEntry entry = all.nextElement();
                try (var in = zip.getInputStream(entry)) {
                    entries.add(new Entry(entry, in.readAllBytes()));
                }
            }
        }
        return entries;
    }

    /** Writes an entry with its name, time and method (a stored entry stays stored), or stored when asked. */
    private static void copy(ZipOutputStream out, ZipEntry original, byte[] bytes, boolean stored) throws IOException {
        ZipEntry entry = new ZipEntry(original.getName());
        entry.setTime(original.getTime());
        if (stored || original.getMethod() == ZipEntry.STORED) {
            CRC32 crc = new CRC32();
            crc.update(bytes);
            entry.setMethod(ZipEntry.STORED);
            entry.setSize(bytes.length);
            entry.setCompressedSize(bytes.length);
            entry.setCrc(crc.getValue());
        }
        out.putNextEntry(entry);
        out.write(bytes);
        out.closeEntry();
    }
}
