package com.example.users;

import java.io.FileWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@link UserRegistrationHandler}, corrected: the same steps, every file under
 * {@code java.io.tmpdir} ({@code /tmp} on Lambda), the one writable place on a function platform.
 *
 * <p>{@code /tmp} is per execution environment and vanishes with it: it is scratch space, not
 * storage. Real user data belongs in S3, DynamoDB or a database; this twin only fixes the crash.
 */
public class FixedUserRegistrationHandler {

    private static final Path DATA = Path.of(System.getProperty("java.io.tmpdir"), "users-service");
    private static final Path USERS_FILE = DATA.resolve("users.json");
    private static final Path UPLOADS = DATA.resolve("uploads");
    private static final Path LOG_FILE = DATA.resolve("registrations.log");

    private final List<User> users = new ArrayList<>();

    public Response handle(Map<String, String> request) {
        Registration registration;
        try {
            registration = Registration.from(request);
        } catch (IllegalArgumentException e) {
            return Response.error(400, e.getMessage());
        }
        if (users.stream().anyMatch(u -> u.email().equals(registration.email()))) {
            return Response.error(409, "already registered: " + registration.email());
        }
        try {
            Path photo = savePhoto(registration);
            User user = new User(registration.userId(), registration.name(), registration.email(),
                    photo.toString(), Instant.now());
            users.add(user);
            saveUsers();
            logRegistration(user);
            return Response.created(user);
        } catch (IOException e) {
            return Response.error(500, "could not save the registration: " + e);
        }
    }

    private Path savePhoto(Registration registration) throws IOException {
        Files.createDirectories(UPLOADS);
        Path photo = UPLOADS.resolve(registration.photoFileName());
        Files.write(photo, registration.photo());
        return photo;
    }

    private void saveUsers() throws IOException {
        Files.writeString(USERS_FILE, User.toJson(users));
    }

    private void logRegistration(User user) throws IOException {
        try (Writer log = new FileWriter(LOG_FILE.toFile(), true)) {
            log.write(user.registeredAt() + " registered " + user.id() + " <" + user.email() + ">\n");
        }
    }
}
