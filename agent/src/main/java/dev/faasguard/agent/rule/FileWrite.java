package dev.faasguard.agent.rule;

/**
 * A file operation as a hook saw it.
 *
 * @param operation one of the file operations of {@code dev.faasguard.bootstrap.Operations}
 * @param path the path the application gave (maybe relative)
 * @param otherPath the source of a move, copy or rename, else null
 */
public record FileWrite(String operation, String path, String otherPath) {}
