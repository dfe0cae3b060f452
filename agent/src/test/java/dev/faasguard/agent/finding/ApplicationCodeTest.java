package dev.faasguard.agent.finding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApplicationCodeTest {

    @Test
    void theHandlersRootPackageIsTheApplication() {
        ApplicationCode code = ApplicationCode.of(List.of(), "com.example.orders.OrderHandler::handleRequest", null,
                "com.amazonaws.services.lambda.runtime.api.client.AWSLambda com.example.orders.OrderHandler");
        assertTrue(code.isApplication("com.example.orders.OrderHandler"));
        assertTrue(code.isApplication("com.example.common.Db"), "a sibling package of the function's");
        assertFalse(code.isApplication("com.fasterxml.jackson.databind.ObjectMapper"));
        assertFalse(code.isApplication("org.example.Other"));
        assertEquals("the entry point's root package: com.example.", code.describe());
    }

    @Test
    void aFrameworksHandlerGivesWayToTheApplicationsMainClass() {
        ApplicationCode code = ApplicationCode.of(List.of(),
                "org.springframework.cloud.function.adapter.aws.FunctionInvoker::handleRequest",
                "com.acme.billing.BillingApplication", null);
        assertTrue(code.isApplication("com.acme.billing.functions.Charge"));
        assertFalse(code.isApplication("org.springframework.context.support.AbstractApplicationContext"));
    }

    @Test
    void withNothingToGoByEverythingButTheKnownLibrariesIsTheApplication() {
        ApplicationCode code = ApplicationCode.of(List.of(),
                "org.springframework.cloud.function.adapter.aws.FunctionInvoker::handleRequest", null,
                "com.amazonaws.services.lambda.runtime.api.client.AWSLambda handler");
        assertTrue(code.isApplication("com.acme.billing.Charge"));
        for (String library : List.of("okhttp3.internal.connection.RealCall", "org.apache.http.impl.client.CloseableHttpClient",
                "software.amazon.awssdk.core.internal.http.AmazonSyncHttpClient", "org.h2.store.fs.disk.FilePathDisk",
                "com.zaxxer.hikari.pool.HikariPool", "org.sqlite.util.ProcessRunner", "io.micronaut.function.Executor")) {
            assertFalse(code.isApplication(library), library);
        }
    }

    @Test
    void packagesNamedByTheUserAreTheApplicationAndNothingElse() {
        ApplicationCode code = ApplicationCode.of(List.of("com.example.orders", "org.apache.mine."),
                "com.example.orders.Fn::handle", null, null);
        assertTrue(code.isApplication("com.example.orders.Fn"));
        assertTrue(code.isApplication("org.apache.mine.Tool"), "a package the user named, even in a library's namespace");
        assertFalse(code.isApplication("com.example.other.Fn"));
        assertFalse(code.isApplication("com.example.ordersextra.Fn"), "a package, not a name prefix");
    }

    @Test
    void theRootIsTheFirstTwoNamesOfThePackage() {
        assertEquals("com.example.", ApplicationCode.rootPackage("com.example.orders.deep.Fn"));
        assertEquals("com.example.", ApplicationCode.rootPackage("com.example.Fn"));
        assertEquals("example.", ApplicationCode.rootPackage("example.Handler"));
        assertEquals(".", ApplicationCode.rootPackage("Handler"));
        ApplicationCode defaultPackage = ApplicationCode.of(List.of(), "Handler::handleRequest", null, null);
        assertTrue(defaultPackage.isApplication("Helper"));
        assertFalse(defaultPackage.isApplication("com.example.Fn"));
    }

    @Test
    void theMainClassOfAJarRunWithDashJar(@TempDir Path dir) throws IOException {
        Path jar = dir.resolve("app.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "org.springframework.boot.loader.launch.JarLauncher");
        manifest.getMainAttributes().putValue("Start-Class", "io.shop.cart.CartApplication");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream ignored = new JarOutputStream(out, manifest)) {
            // a manifest is all it needs
        }
        ApplicationCode code = ApplicationCode.of(List.of(), null, null, jar + " --port 8080");
        assertTrue(code.isApplication("io.shop.cart.web.CartController"));
        assertFalse(code.isApplication("io.other.Thing"));
        assertEquals(ApplicationCode.ANYTHING_BUT_LIBRARIES,
                ApplicationCode.of(List.of(), null, null, dir.resolve("missing.jar").toString()));
        assertEquals(ApplicationCode.ANYTHING_BUT_LIBRARIES,
                ApplicationCode.of(List.of(), null, null, "org.apache.maven.surefire.booter.ForkedBooter /tmp/x"));
    }
}
