package com.example.users;

import com.example.video.DownloadResponse;
import com.example.video.FakeVideoSite;
import com.example.video.FixedVideoDownloadHandler;
import com.example.video.VideoDownloadHandler;
import java.io.IOException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Runs each demo function and its fixed twin over the same requests, as a function platform would (one
 * handler instance per execution environment, one call per request), and prints what each returns.
 */
public final class DemoMain {

    /** A 1x1 PNG: the profile photo every demo user uploads. */
    private static final String PHOTO = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

    private static final List<Map<String, String>> SIGN_UPS = List.of(
            Map.of("name", "Alice Martin", "email", "alice@example.com", "photo", PHOTO),
            Map.of("name", "Bob Chen", "email", "bob@example.com", "photo", PHOTO, "photoType", "image/jpeg"),
            Map.of("name", "Carol Diaz", "email", "carol@example.com", "photo", PHOTO));

    private static final List<String> VIDEOS = List.of("dQw4w9WgXcQ", "9bZkp7q19f0");

    private DemoMain() {}

    public static void main(String[] args) throws IOException {
        Base64.getDecoder().decode(PHOTO); // fail here, not in a handler, if the sample is ever mangled
        runRegistration();
        runVideoJob();
    }

    /** The user-registration function: files written next to the jar and in the working directory. */
    private static void runRegistration() {
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

    /** The video-download job: a worker thread, HTTP calls and a child process, waited for with no timeout. */
    private static void runVideoJob() throws IOException {
        try (FakeVideoSite site = FakeVideoSite.start()) {
            System.out.println("== broken video job ==");
            System.out.println("(thread.join(), HTTP calls and Process.waitFor() with no timeout; video site at "
                    + site.url() + ")");
            download(new VideoDownloadHandler(site.url())::handle);

            System.out.println("== fixed video job ==");
            System.out.println("(the same steps, each with a timeout)");
            download(new FixedVideoDownloadHandler(site.url())::handle);
        }
    }

    private static void download(Function<String, DownloadResponse> handler) {
        for (String video : VIDEOS) {
            DownloadResponse response = handler.apply(video);
            System.out.println("GET /download?video=" + video + " -> " + response.statusCode() + " " + response.body());
        }
    }

    private static void print(Map<String, String> request, Response response) {
        System.out.println("POST /register " + request.get("email") + " -> " + response.statusCode()
                + " " + response.body());
    }
}
