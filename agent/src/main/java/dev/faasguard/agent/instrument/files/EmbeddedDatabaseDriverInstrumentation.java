package dev.faasguard.agent.instrument.files;

import static dev.faasguard.agent.instrument.HookCall.FILES;

import dev.faasguard.agent.instrument.EntryHook;
import dev.faasguard.agent.instrument.HookCall;
import dev.faasguard.agent.instrument.HookCall.Push;
import dev.faasguard.agent.instrument.MethodShape;
import dev.faasguard.agent.instrument.TypeInstrumentation;
import java.util.List;
import net.bytebuddy.jar.asm.MethodVisitor;

/**
 * The JDBC drivers of the file-backed embedded databases, matched by name: where each is asked for a connection, with
 * its URL, whichever way the application asks (DriverManager, a pool calling Driver.connect, the driver's own
 * DataSource). SQLite's {@code JDBC.createConnection} is what both its Driver and its DataSource call.
 */
final class EmbeddedDatabaseDriverInstrumentation implements TypeInstrumentation {

    private static final String CONNECT = "(Ljava/lang/String;Ljava/util/Properties;)";

    /** The drivers, each with the method that receives every URL and whether it is static (the URL is then slot 0). */
    static List<TypeInstrumentation> all() {
        return List.of(
                new EmbeddedDatabaseDriverInstrumentation("org.sqlite.JDBC", "createConnection", true),
                new EmbeddedDatabaseDriverInstrumentation("org.h2.Driver", "connect", false),
                new EmbeddedDatabaseDriverInstrumentation("org.hsqldb.jdbc.JDBCDriver", "connect", false));
    }

    private final String className;
    private final String method;
    private final HookCall opening;

    private EmbeddedDatabaseDriverInstrumentation(String className, String method, boolean isStatic) {
        this.className = className;
        this.method = method;
        this.opening = HookCall.of(FILES, "embeddedDatabaseOpening", "(Ljava/lang/String;)V",
                Push.reference(isStatic ? 0 : 1));
    }

    @Override
    public String className() {
        return className;
    }

    @Override
    public boolean jdkOnly() {
        return false;
    }

    @Override
    public MethodVisitor visitMethod(MethodShape method, MethodVisitor visitor) {
        return method.name().equals(this.method) && method.descriptor().startsWith(CONNECT)
                ? EntryHook.call(visitor, opening)
                : visitor;
    }
}
