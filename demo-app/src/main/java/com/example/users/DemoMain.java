package com.example.users;

import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Runs the broken handler and its fixed twin over the same sign-ups, as a function platform would
 * (one handler instance per execution environment, one call per request), and prints what each returns.
 */
public final class DemoMain {

    /** A 1x1 PNG: the profile photo every demo user uploads. */
    private static final String PHOTO = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

    private static final List<Map<String, String>> SIGN_UPS = List.of(
            Map.of("name", "Alice Martin", "email", "alice@example.com", "photo", PHOTO),
            Map.of("name", "Bob Chen", "email", "bob@example.com", "photo", PHOTO, "photoType", "image/jpeg"),
            Map.of("name", "Carol Diaz", "email", "carol@example.com", "photo", PHOTO));

    private DemoMain() {}

    public static void main(String[] args) {
        Base64.getDecoder().decode(PHOTO); // fail here, not in a handler, if the sample is ever mangled

        System.out.println("== broken handler ==");
        System.out.println("(users.json next to the jar, uploads/ and registrations.log in the working directory)");
        UserRegistrationHandler broken = new UserRegistrationHandler();
        for (Map<String, String> request : SIGN_UPS) {
            print(request, broken.handle(request));
        }

        System.out.println("== fixed handler ==");
        System.out.println("(everything under " + System.getProperty("java.io.tmpdir") + "/users-service)");
        FixedUserRegistrationHandler fixed = new FixedUserRegistrationHandler();
        for (Map<String, String> request : SIGN_UPS) {
            print(request, fixed.handle(request));
        }
    }

    private static void print(Map<String, String> request, Response response) {
        System.out.println("POST /register " + request.get("email") + " -> " + response.statusCode()
                + " " + response.body());
    }
}
