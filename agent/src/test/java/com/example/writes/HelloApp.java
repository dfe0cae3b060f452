package com.example.writes;

import java.nio.file.Files;
import java.nio.file.Path;

/** A correct program: it only writes under /tmp. */
public final class HelloApp {

    public static void main(String[] args) throws Exception {
        Path scratch = Files.createTempFile("hello", ".txt");
        Files.writeString(scratch, "hello");
        Files.delete(scratch);
        System.out.println("hello");
    }

    private HelloApp() {}
}
