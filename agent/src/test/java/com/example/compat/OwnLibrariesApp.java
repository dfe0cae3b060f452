package com.example.compat;

import static net.bytebuddy.matcher.ElementMatchers.named;

import java.io.FileOutputStream;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.implementation.FixedValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An application that brings its own Logback (with its own logback.xml) and its own ByteBuddy, and
 * breaks a rule. {@code OwnLibrariesApp <file outside /tmp>}.
 */
public final class OwnLibrariesApp {

    public static void main(String[] args) throws Exception {
        Logger log = LoggerFactory.getLogger("app");
        log.info("hello from the app");
        System.out.println("logger factory: " + LoggerFactory.getILoggerFactory().getClass().getName());
        System.out.println("logback from: " + LoggerFactory.getILoggerFactory().getClass()
                .getProtectionDomain().getCodeSource().getLocation());

        Object made = new ByteBuddy().subclass(Object.class).method(named("toString"))
                .intercept(FixedValue.value("made by the app's ByteBuddy")).make()
                .load(OwnLibrariesApp.class.getClassLoader()).getLoaded().getDeclaredConstructor().newInstance();
        System.out.println("bytebuddy: " + made);
        System.out.println("bytebuddy from: " + ByteBuddy.class.getProtectionDomain().getCodeSource().getLocation());

        new FileOutputStream(args[0]).close();
        log.info("wrote {}", args[0]);
    }

    private OwnLibrariesApp() {}
}
