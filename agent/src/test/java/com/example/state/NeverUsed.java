package com.example.state;

import java.util.ArrayList;
import java.util.List;

/** Loaded by the host but never used: its static initializer must never run, the agent's reads included. */
public final class NeverUsed {

    static final List<String> ITEMS = new ArrayList<>();

    static {
        System.out.println("NeverUsed initialized");
    }

    private NeverUsed() {}
}
