package com.example.snapshot;

/** Application code for the agent's unit tests: a call made from here has its call site here, outside the agent. */
public final class AppCall {

    private AppCall() {}

    /** @return the line of this class that made the call: the call site a finding names */
    public static int run(Runnable call) {
        int line = new Throwable().getStackTrace()[0].getLineNumber() + 1;
        call.run();
        return line;
    }

    /** {@code com.example.snapshot.AppCall.run(AppCall.java:<line>)}, as a stack trace prints that frame. */
    public static String frame(int line) {
        return AppCall.class.getName() + ".run(AppCall.java:" + line + ")";
    }
}
