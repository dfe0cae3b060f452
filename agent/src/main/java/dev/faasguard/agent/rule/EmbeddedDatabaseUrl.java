package dev.faasguard.agent.rule;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The files a file-backed embedded database's JDBC URL makes it write, as each driver resolves them: SQLite
 * ({@code jdbc:sqlite:app.db}, not {@code :memory:} nor {@code mode=memory}), H2 ({@code jdbc:h2:./data},
 * {@code jdbc:h2:file:...}, {@code ~/...}; not {@code mem:}, {@code tcp:}, {@code ssl:}), HSQLDB
 * ({@code jdbc:hsqldb:file:...}; not {@code mem:}, {@code res:}, {@code hsql:}, {@code http:}), Derby
 * ({@code jdbc:derby:name}, {@code jdbc:derby:directory:...}, {@code ;databaseName=...}; not {@code memory:},
 * {@code classpath:}, {@code jar:}). A relative name is resolved against the working directory (Derby's against
 * {@code derby.system.home} when set), {@code ~} against the home directory.
 */
public final class EmbeddedDatabaseUrl {

    /** A database the URL names on disk: what it is, the file it is made of, the URL without credentials. */
    public record OnDisk(String database, String file, String url) {}

    /** {@code user=...}, {@code password=...} and the like in a URL's settings: never shown. */
    private static final Pattern CREDENTIAL = Pattern.compile(
            "(?i)((?:^|[;?&:])(?:user|password|passwd|pwd|username|bootPassword)=)[^;&]*");

    private EmbeddedDatabaseUrl() {}

    /** @return the database's file, or empty when the URL names no file-backed embedded database */
    public static Optional<OnDisk> parse(String url, String workingDirectory, String homeDirectory) {
        return parse(url, workingDirectory, homeDirectory, null);
    }

    /**
     * @param derbyHome Derby's {@code derby.system.home} in the application, or null: where its relative names lead
     * @return the database's file (Derby's: its directory), or empty when the URL names no file-backed embedded
     *     database
     */
    public static Optional<OnDisk> parse(String url, String workingDirectory, String homeDirectory, String derbyHome) {
        if (url == null) {
            return Optional.empty();
        }
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:sqlite:")) {
            return sqlite(url.substring("jdbc:sqlite:".length()), workingDirectory).map(file -> found("SQLite", file, url));
        }
        if (lower.startsWith("jdbc:h2:")) {
            return h2(url.substring("jdbc:h2:".length()), workingDirectory, homeDirectory)
                    .map(file -> found("H2", file + ".mv.db", url));
        }
        if (lower.startsWith("jdbc:hsqldb:file:")) {
            return Optional.of(found("HSQLDB", resolve(settingsCut(url.substring("jdbc:hsqldb:file:".length())),
                    workingDirectory, homeDirectory) + ".script", url));
        }
        if (lower.startsWith("jdbc:derby:") && !lower.startsWith("jdbc:derby://")) {
            String base = derbyHome == null ? workingDirectory : resolve(derbyHome, workingDirectory, null);
            return derby(url.substring("jdbc:derby:".length()), base)
                    .map(directory -> found("Derby", directory, url));
        }
        return Optional.empty();
    }

    /** The URL as it may be shown: its credential settings masked. */
    public static String withoutCredentials(String url) {
        return CREDENTIAL.matcher(url).replaceAll("$1***");
    }

    private static OnDisk found(String database, String file, String url) {
        return new OnDisk(database, file, withoutCredentials(url));
    }

    private static Optional<String> sqlite(String rest, String workingDirectory) {
        int query = rest.indexOf('?');
        String name = query < 0 ? rest : rest.substring(0, query);
        String settings = query < 0 ? "" : rest.substring(query + 1).toLowerCase(Locale.ROOT);
        if (name.startsWith("file:")) {
            name = name.substring("file:".length());
        }
        if (name.isEmpty() || name.startsWith(":memory:") || name.startsWith(":resource:")
                || settings.contains("mode=memory")) {
            return Optional.empty();
        }
        return Optional.of(resolve(name, workingDirectory, null));
    }

    private static Optional<String> h2(String rest, String workingDirectory, String homeDirectory) {
        String name = settingsCut(rest);
        String lower = name.toLowerCase(Locale.ROOT);
        for (String notOnDisk : List.of("mem:", "tcp:", "ssl:", "zip:", "classpath:")) {
            if (lower.startsWith(notOnDisk)) {
                return Optional.empty();
            }
        }
        if (lower.startsWith("file:")) {
            name = name.substring("file:".length());
        } else if (lower.startsWith("split:") || lower.startsWith("nio:") || lower.startsWith("async:")) {
            name = name.substring(name.indexOf(':') + 1);
        }
        return name.isEmpty() ? Optional.empty() : Optional.of(resolve(name, workingDirectory, homeDirectory));
    }

    /**
     * Derby's {@code [subsubprotocol:]name[;attribute=value]...}: the name may also come as the {@code databaseName}
     * attribute; {@code directory:} is the default, the others hold no file this process writes.
     */
    private static Optional<String> derby(String rest, String base) {
        String name = settingsCut(rest);
        if (name.isEmpty()) {
            name = derbyAttribute(rest, "databaseName");
        }
        String lower = name.toLowerCase(Locale.ROOT);
        for (String notOnDisk : List.of("memory:", "classpath:", "jar:")) {
            if (lower.startsWith(notOnDisk)) {
                return Optional.empty();
            }
        }
        if (lower.startsWith("directory:")) {
            name = name.substring("directory:".length());
        }
        return name.isEmpty() ? Optional.empty() : Optional.of(resolve(name, base, null));
    }

    /** The value of one of Derby's {@code ;key=value} attributes (its keys are case-sensitive), or "". */
    private static String derbyAttribute(String rest, String key) {
        for (String attribute : rest.split(";")) {
            if (attribute.startsWith(key + "=")) {
                return attribute.substring(key.length() + 1);
            }
        }
        return "";
    }

    /** The name before the driver's own settings ({@code ;KEY=value}). */
    private static String settingsCut(String rest) {
        int semicolon = rest.indexOf(';');
        return semicolon < 0 ? rest : rest.substring(0, semicolon);
    }

    private static String resolve(String name, String base, String homeDirectory) {
        String expanded = homeDirectory != null && (name.equals("~") || name.startsWith("~/"))
                ? homeDirectory + name.substring(1) : name;
        return Path.of(base).resolve(expanded).normalize().toString();
    }
}
