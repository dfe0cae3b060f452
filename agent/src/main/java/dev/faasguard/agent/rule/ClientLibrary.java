package dev.faasguard.agent.rule;

import java.util.List;
import java.util.Optional;

/**
 * The clients Java functions reach the network through, each with the settings a user changes to bound its
 * calls. When a socket connect or read with no timeout, or a timeout longer than the deadline, happens inside one
 * of them, the fix is in the client's configuration, at the line that builds or calls the client, not in the
 * socket call the client makes. Listed outermost first: the AWS SDK wraps Apache HttpClient, and its settings
 * are the ones to change.
 */
public enum ClientLibrary {

    AWS_SDK_V2("AWS SDK for Java v2", List.of("software.amazon.awssdk."),
            "set apiCallAttemptTimeout and apiCallTimeout in the client's ClientOverrideConfiguration "
            + "(.overrideConfiguration(c -> c.apiCallAttemptTimeout(...).apiCallTimeout(...))), and the HTTP client's "
            + "connectionTimeout and socketTimeout (Apache5HttpClient.builder(), ApacheHttpClient.builder() or "
            + "UrlConnectionHttpClient.builder()), "
            + "each below the function's timeout: by default a read may wait 30 s and the whole call has no limit"),
    AWS_SDK_V1("AWS SDK for Java v1", List.of("com.amazonaws.http."),
            "set ClientConfiguration withConnectionTimeout, withSocketTimeout and withClientExecutionTimeout below the "
            + "function's timeout: by default a read may wait 50 s"),
    APACHE_HTTPCLIENT_5("Apache HttpClient 5", List.of("org.apache.hc.client5.", "org.apache.hc.core5."),
            "set ConnectionConfig.custom().setConnectTimeout(...).setSocketTimeout(...) on the connection manager and "
            + "RequestConfig.custom().setResponseTimeout(...).setConnectionRequestTimeout(...) on the client, each below "
            + "the time the invocation has left"),
    APACHE_HTTPCLIENT_4("Apache HttpClient 4", List.of("org.apache.http."),
            "build the client with HttpClients.custom().setDefaultRequestConfig(RequestConfig.custom()"
            + ".setConnectTimeout(ms).setSocketTimeout(ms).setConnectionRequestTimeout(ms).build()), each below the "
            + "time the invocation has left: HttpClients.createDefault() waits forever"),
    OKHTTP("OkHttp", List.of(PackageNames.unrelocated("ok", "http3"), PackageNames.unrelocated("ok", "io")),
            "set OkHttpClient.Builder connectTimeout(...), readTimeout(...), writeTimeout(...) and callTimeout(...) "
            + "below the time the invocation has left (0 means no timeout)"),
    POSTGRESQL_JDBC("the PostgreSQL JDBC driver", List.of("org.postgresql."),
            "set connectTimeout and socketTimeout (in seconds) in the JDBC URL or the DataSource, e.g. "
            + "jdbc:postgresql://host/db?connectTimeout=5&socketTimeout=10, below the time the invocation has left"),
    MYSQL_JDBC("MySQL Connector/J", List.of("com.mysql."),
            "set connectTimeout and socketTimeout (in milliseconds) in the JDBC URL or the DataSource, below the time "
            + "the invocation has left"),
    MARIADB_JDBC("MariaDB Connector/J", List.of("org.mariadb.jdbc."),
            "set connectTimeout and socketTimeout (in milliseconds) in the JDBC URL or the DataSource, below the time "
            + "the invocation has left"),
    SQL_SERVER_JDBC("the Microsoft SQL Server JDBC driver", List.of("com.microsoft.sqlserver."),
            "set loginTimeout (seconds) and socketTimeout (milliseconds) in the JDBC URL or the DataSource, below the "
            + "time the invocation has left");

    private final String displayName;
    private final List<String> packages;
    private final String settings;

    ClientLibrary(String displayName, List<String> packages, String settings) {
        this.displayName = displayName;
        this.packages = packages;
        this.settings = settings;
    }

    /**
     * The client among the library frames between the JDK and the application, if one is known.
     *
     * @param libraryClasses the library frames' classes, in any order
     */
    public static Optional<ClientLibrary> among(List<String> libraryClasses) {
        for (ClientLibrary client : values()) {
            for (String className : libraryClasses) {
                if (client.owns(className)) {
                    return Optional.of(client);
                }
            }
        }
        return Optional.empty();
    }

    private boolean owns(String className) {
        for (String prefix : packages) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    public String displayName() {
        return displayName;
    }

    /** What to change, as the finding's fix: {@code "With OkHttp: set ..."}. */
    public String fix() {
        return "With " + displayName + ": " + settings + ".";
    }
}
