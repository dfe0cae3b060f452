package dev.faasguard.agent.finding;

/** The line of application code a finding points at: the first frame that is neither JDK nor agent. */
public record CallSite(String className, String method, String file, int line) {

    public static final CallSite UNKNOWN = new CallSite("?", "?", null, -1);

    /** As a Java stack trace prints it: {@code com.example.Store.save(Store.java:42)}. */
    public String frame() {
        String where = file == null ? "Unknown Source" : line >= 0 ? file + ":" + line : file;
        return className + "." + method + "(" + where + ")";
    }
}
