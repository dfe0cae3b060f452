package dev.faasguard.agent.instrument.files;

import dev.faasguard.agent.instrument.TypeInstrumentation;
import java.util.ArrayList;
import java.util.List;

/**
 * The instrumentations behind {@code write-outside-tmp}, {@code embedded-db-outside-tmp} and /tmp growth: their hooks
 * are {@code FileHooks}.
 */
public final class FileInstrumentations {

    private FileInstrumentations() {}

    public static List<TypeInstrumentation> all() {
        List<TypeInstrumentation> all = new ArrayList<>(List.of(
                new FileOutputStreamInstrumentation(),
                new RandomAccessFileInstrumentation(),
                new JavaIoFileInstrumentation(),
                new FileSystemProviderInstrumentation(),
                new FilesInstrumentation(),
                new FileHandlerInstrumentation()));
        all.addAll(EmbeddedDatabaseDriverInstrumentation.all());
        return all;
    }
}
