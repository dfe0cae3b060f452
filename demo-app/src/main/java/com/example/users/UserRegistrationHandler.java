package com.example.users;

import java.io.FileWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * User sign-up, as it ran on a server: {@code users.json} next to the application's jar,
 * {@code uploads/} and {@code registrations.log} in the working directory.
 *
 * <p>On AWS Lambda every one of those writes fails with {@code Read-only file system}: the code
 * and the working directory ({@code /var/task}) are read-only, only {@code /tmp} is writable.
 * Locally it works, which is why it gets deployed. See {@link FixedUserRegistrationHandler}.
 */
public class UserRegistrationHandler {

    private static final Path USERS_FILE = applicationDirectory().resolve("users.json");
    private static final Path UPLOADS = Path.of("uploads");
    private static final String LOG_FILE = "registrations.log";

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
        Files.createDirectories(UPLOADS); // demo: uploads
        Path photo = UPLOADS.resolve(registration.photoFileName());
        Files.write(photo, registration.photo()); // demo: photo
        return photo;
    }

    private void saveUsers() throws IOException {
        Files.writeString(USERS_FILE, User.toJson(users)); // demo: users.json
    }

    private void logRegistration(User user) throws IOException {
        try (Writer log = new FileWriter(LOG_FILE, true)) { // demo: registrations.log
            log.write(user.registeredAt() + " registered " + user.id() + " <" + user.email() + ">\n");
        }
    }

    /** The directory holding this application's jar (or its classes directory, run from an IDE). */
    static Path applicationDirectory() {
        try {
            Path location = Path.of(UserRegistrationHandler.class.getProtectionDomain().getCodeSource()
                    .getLocation().toURI());
            return Files.isDirectory(location) ? location : location.getParent();
        } catch (URISyntaxException e) {
            throw new UncheckedIOException(new IOException("cannot locate the application", e));
        }
    }
}
