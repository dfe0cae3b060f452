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
 * The JDBC drivers of the file-backed embedded databases, matched by name: the one method of each that every
 * connection passes through with its URL, whichever way the application asks (DriverManager, a pool calling
 * Driver.connect, the driver's own DataSource):
 * <ul>
 *   <li>SQLite: {@code JDBC.createConnection}, which its Driver and its {@code SQLiteDataSource} call;
 *   <li>H2: the {@code JdbcConnection} constructor, which its Driver and its {@code JdbcDataSource} (which
 *       bypasses the Driver) call;
 *   <li>HSQLDB: the static {@code JDBCDriver.getConnection}, which its Driver's connect and its
 *       {@code JDBCDataSource} and {@code JDBCPool} call;
 *   <li>Derby (10.15 on; 10.16 is the newest line that runs on Java 17): {@code InternalDriver.connect(url, info,
 *       loginTimeout)}, which {@code EmbeddedDriver}, the {@code AutoloadedDriver} DriverManager holds, and the
 *       {@code EmbeddedDataSource}s call (their {@code databaseName} made into the URL).
 * </ul>
 * SQLite's and HSQLDB's methods are also handed the URLs of other databases when DriverManager tries each driver in
 * turn: each hook call carries its driver's URL prefix, and the hook ignores a URL without it.
 */
final class EmbeddedDatabaseDriverInstrumentation implements TypeInstrumentation {

    private static final String URL_AND_PROPERTIES = "(Ljava/lang/String;Ljava/util/Properties;";

    /**
     * The drivers, each with the method that receives every URL, whether it is static (the URL is then slot 0), and
     * the prefix of the URLs it accepts.
     */
    static List<TypeInstrumentation> all() {
        return List.of(
                new EmbeddedDatabaseDriverInstrumentation("org.sqlite.JDBC", "createConnection",
                        URL_AND_PROPERTIES + ")", true, "jdbc:sqlite:"),
                new EmbeddedDatabaseDriverInstrumentation("org.h2.jdbc.JdbcConnection", "<init>",
                        URL_AND_PROPERTIES + "Ljava/lang/String;Ljava/lang/Object;Z)", false, "jdbc:h2:"),
                new EmbeddedDatabaseDriverInstrumentation("org.hsqldb.jdbc.JDBCDriver", "getConnection",
                        URL_AND_PROPERTIES + ")", true, "jdbc:hsqldb:"),
                new EmbeddedDatabaseDriverInstrumentation("org.apache.derby.iapi.jdbc.InternalDriver", "connect",
                        URL_AND_PROPERTIES + "I)", false, "jdbc:derby:"));
    }

    private final String className;
    private final String method;
    /** The method's parameters, {@code (...)}: the one overload every connection goes through. */
    private final String parameters;
    private final HookCall opening;

    private EmbeddedDatabaseDriverInstrumentation(String className, String method, String parameters,
            boolean isStatic, String urlPrefix) {
        this.className = className;
        this.method = method;
        this.parameters = parameters;
        this.opening = HookCall.of(FILES, "embeddedDatabaseOpening", "(Ljava/lang/String;Ljava/lang/String;)V",
                Push.reference(isStatic ? 0 : 1), Push.constant(urlPrefix));
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
        return method.name().equals(this.method) && method.descriptor().startsWith(parameters)
                ? EntryHook.call(visitor, opening)
                : visitor;
    }
}
