package dev.faasguard.agent.finding;

import static dev.faasguard.agent.rule.PackageNames.unrelocated;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * Tells the application's own classes from the libraries it runs on, so that a finding points at the line the
 * user can change. A shaded jar unpacked into the task root (the usual Java deployment on Lambda) holds every
 * library next to the function's classes, so where a class was loaded from says nothing; its package does:
 * <ol>
 *   <li>packages named with {@code faasguard.app.packages}, when set, and nothing else;</li>
 *   <li>else the root package (its first two names) of the function's own entry point: the handler
 *       ({@code _HANDLER} or {@code faasguard.handler}), Spring's {@code MAIN_CLASS}, or the program's main class,
 *       unless that entry point is itself a framework's (Spring Cloud Function's {@code FunctionInvoker});</li>
 *   <li>else every class outside the well-known libraries' packages.</li>
 * </ol>
 * The JDK, the platform's runtime client and the agent are never application code; callers tell those apart.
 */
public final class ApplicationCode {

    /**
     * Packages of the libraries and frameworks Java functions are built on: never the application's line. Those
     * the agent bundles are spelled through {@link PackageNames#unrelocated}, or the jar would hold relocated names.
     */
    static final List<String> KNOWN_LIBRARIES = List.of("org.springframework.", "io.micronaut.", "io.quarkus.",
            "io.smallrye.", "io.vertx.", "io.netty.", "reactor.", "io.reactivex.", "org.reactivestreams.",
            "com.fasterxml.", "com.google.", "org.apache.", unrelocated("ok", "http3"), unrelocated("ok", "io"),
            unrelocated("kot", "lin"), unrelocated("kot", "linx"), "scala.",
            "groovy.", "org.codehaus.", "software.amazon.", "com.amazonaws.", "org.h2.", "org.sqlite.", "org.hsqldb.",
            "org.postgresql.", "com.mysql.", "org.mariadb.", "com.zaxxer.", "org.hibernate.", "org.jboss.",
            "org.eclipse.", "org.glassfish.", "jakarta.", "javax.", unrelocated("org", ".slf4j"), "ch.qos.",
            unrelocated("io", ".opentelemetry"),
            "io.micrometer.", "io.grpc.", "com.squareup.", "org.json.", "org.yaml.", "org.aspectj.", unrelocated("net", ".bytebuddy"),
            unrelocated("org", ".objectweb"), "lombok.", "org.junit.", "junit.", "org.testng.", "org.mockito.", "org.assertj.",
            "org.hamcrest.", "io.github.resilience4j.", "com.github.benmanes.", "org.bouncycastle.", "org.joda.",
            "org.mongodb.", "com.mongodb.", "redis.clients.", "io.lettuce.", "org.elasticsearch.", "co.elastic.",
            "com.datastax.", "org.jooq.", "org.mybatis.", "org.flywaydb.", "liquibase.", "com.jayway.", "org.jsoup.",
            "org.thymeleaf.", "freemarker.", "com.sun.", "sun.", "org.xml.", "org.w3c.", "io.swagger.", "feign.",
            "retrofit2.", "com.esotericsoftware.", "org.msgpack.", "net.minidev.", "com.nimbusds.", "io.jsonwebtoken.");

    private final List<String> packages;
    private final boolean explicit;

    private ApplicationCode(List<String> packages, boolean explicit) {
        this.packages = packages;
        this.explicit = explicit;
    }

    /** Every class outside the known libraries: until the agent is configured, and where nothing names the function. */
    public static final ApplicationCode ANYTHING_BUT_LIBRARIES = new ApplicationCode(List.of(), false);

    /**
     * @param configured the packages of {@code faasguard.app.packages} (empty when not set)
     * @param handler the function's handler, {@code com.example.Fn::handleRequest}, or null
     * @param springMainClass Spring Cloud Function's {@code MAIN_CLASS}, or null
     * @param javaCommand {@code sun.java.command}: the main class or the jar of {@code java [-jar] ...}, or null
     */
    public static ApplicationCode of(List<String> configured, String handler, String springMainClass,
            String javaCommand) {
        if (!configured.isEmpty()) {
            List<String> prefixes = new ArrayList<>();
            for (String name : configured) {
                prefixes.add(name.endsWith(".") ? name : name + ".");
            }
            return new ApplicationCode(List.copyOf(prefixes), true);
        }
        String entryPoint = firstOwn(handler == null ? null : handler.split("::", 2)[0], springMainClass);
        if (entryPoint == null && javaCommand != null && !javaCommand.isBlank()) {
            String program = javaCommand.strip().split("\\s+", 2)[0];
            entryPoint = firstOwn(program.endsWith(".jar") ? mainClassOfJar(program) : program);
        }
        return entryPoint == null ? ANYTHING_BUT_LIBRARIES : new ApplicationCode(List.of(rootPackage(entryPoint)), false);
    }

    /** The first of these classes that is not a framework's own entry point. */
    private static String firstOwn(String... classNames) {
        for (String className : classNames) {
            if (className != null && !className.isBlank() && !isKnownLibrary(className)) {
                return className.strip();
            }
        }
        return null;
    }

    /** Whether {@code className} is the application's own code; the caller has already set JDK and agent apart. */
    public boolean isApplication(String className) {
        if (packages.isEmpty()) {
            return !isKnownLibrary(className);
        }
        for (String prefix : packages) {
            if (prefix.equals(".") ? className.indexOf('.') < 0 : className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** How this JVM's application code was told apart, for the report. */
    public String describe() {
        if (packages.isEmpty()) {
            return "every package but the known libraries'";
        }
        return (explicit ? "faasguard.app.packages: " : "the entry point's root package: ") + String.join(", ", packages);
    }

    static boolean isKnownLibrary(String className) {
        for (String prefix : KNOWN_LIBRARIES) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The first two names of a class's package, {@code com.example.} for {@code com.example.orders.Fn}: the
     * function's other packages are usually its siblings. A one-name package is itself; the default package is ".".
     */
    static String rootPackage(String className) {
        int first = className.indexOf('.');
        if (first < 0) {
            return ".";
        }
        int second = className.indexOf('.', first + 1);
        int lastDot = className.lastIndexOf('.');
        return className.substring(0, (second < 0 || second > lastDot ? lastDot : Math.min(second, lastDot)) + 1);
    }

    /** Spring Boot's Start-Class, else Main-Class; null when the jar or its manifest cannot be read. */
    private static String mainClassOfJar(String jar) {
        try (JarFile file = new JarFile(jar)) {
            Manifest manifest = file.getManifest();
            if (manifest == null) {
                return null;
            }
            Attributes main = manifest.getMainAttributes();
            String start = main.getValue("Start-Class");
            return start != null ? start : main.getValue(Attributes.Name.MAIN_CLASS);
        } catch (IOException | SecurityException unreadable) {
            return null;
        }
    }
}
