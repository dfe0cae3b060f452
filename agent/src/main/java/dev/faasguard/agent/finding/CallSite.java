package dev.faasguard.agent.finding;

/** The line of application code a finding points at: the first frame that is neither JDK nor agent. */
public record CallSite(String className, String method, String file, int line) {

    public static final CallSite UNKNOWN = new CallSite("?", "?", null, -1);

    /** {@code com.example.Store.save}, or only the class when the method is unknown (a site outside the JVM). */
    public String function() {
        return method.equals("?") ? className : className + "." + method;
    }

    /** As a Java stack trace prints it: {@code com.example.Store.save(Store.java:42)}. */
    public String frame() {
        String where = file == null ? "Unknown Source" : line >= 0 ? file + ":" + line : file;
        return className + "." + method + "(" + where + ")";
    }
}
