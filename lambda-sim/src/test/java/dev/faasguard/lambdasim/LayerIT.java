package dev.faasguard.lambdasim;

import static dev.faasguard.lambdasim.SimTesting.describe;
import static dev.faasguard.lambdasim.SimTesting.event;
import static dev.faasguard.lambdasim.SimTesting.sim;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A layer zip as Lambda deploys it: extracted into a read-only /opt, its exec wrapper run in front of the runtime. */
class LayerIT {

    private static final Path JDK = Path.of(System.getProperty("java.home"));
    private static final String WRAPPER = String.join("\n",
            "#!/bin/sh",
            "set -eu",
            "WRAPPED_BY=\"$0 with $# arguments, the first $(basename \"$1\")\"",
            "export WRAPPED_BY",
            "exec \"$@\"",
            "");

    @BeforeAll
    static void sandboxNeeded() {
        SimTesting.requireSandbox();
    }

    @Test
    void theLayerIsTheFunctionsReadOnlyOptAndItsWrapperStartsTheRuntime() throws Exception {
        Path zip = layer("rwxr-xr-x");
        try (LambdaSim sim = sim(JDK, "ActionHandler").layer(zip).env("AWS_LAMBDA_EXEC_WRAPPER", "/opt/bin/wrapper")
                .build()) {
            List<InvocationResult> rs = sim.run(List.of(
                    event("{'action':'read','path':'/opt/data/hello.txt'}").getBytes(),
                    event("{'action':'env','name':'WRAPPED_BY'}").getBytes(),
                    event("{'action':'write','path':'/opt/data/hello.txt','text':'changed'}").getBytes()));
            rs.forEach(r -> assertEquals(Outcome.SUCCESS, r.outcome(), describe(r)));
            assertEquals("\"hello from the layer\"", rs.get(0).bodyText(), describe(rs.get(0)));
            assertTrue(rs.get(1).bodyText().matches("\"/opt/bin/wrapper with \\d+ arguments, the first java\""),
                    describe(rs.get(1)));
            assertTrue(rs.get(2).bodyText().endsWith("Read-only file system\""), describe(rs.get(2)));
        }
    }

    @Test
    void aWrapperPackedWithoutItsExecuteBitCannotStartTheRuntime() throws Exception {
        Path zip = layer("rw-r--r--");
        try (LambdaSim sim = sim(JDK, "ActionHandler").layer(zip).env("AWS_LAMBDA_EXEC_WRAPPER", "/opt/bin/wrapper")
                .build()) {
            InvocationResult r = sim.invoke(event("{'action':'pid'}"));
            assertEquals(Outcome.CRASH, r.outcome(), describe(r));
            assertTrue(r.stderr().contains("/opt/bin/wrapper") && r.stderr().contains("Permission denied"), describe(r));
        }
    }

    /** A layer with {@code bin/wrapper} of the given mode and {@code data/hello.txt}, written as the zip tools do. */
    private static Path layer(String wrapperMode) throws IOException {
        Path zip = SimTesting.workDir().resolve("layer-" + wrapperMode.replace('-', '_') + "-" + System.nanoTime() + ".zip");
        try (FileSystem layer = FileSystems.newFileSystem(URI.create("jar:" + zip.toUri()),
                Map.of("create", "true", "enablePosixFileAttributes", "true"))) {
            Path wrapper = Files.createDirectories(layer.getPath("/bin")).resolve("wrapper");
            Files.writeString(wrapper, WRAPPER);
            Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString(wrapperMode));
            Files.writeString(Files.createDirectories(layer.getPath("/data")).resolve("hello.txt"), "hello from the layer");
        }
        return zip;
    }
}
