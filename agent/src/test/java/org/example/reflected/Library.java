package org.example.reflected;

import dev.faasguard.agent.finding.StackCapture;

/** A library's method the application calls through reflection, for StackCaptureTest: it captures the stack. */
public final class Library {

    private Library() {}

    public static StackCapture.Capture capture() {
        return StackCapture.here();
    }
}
