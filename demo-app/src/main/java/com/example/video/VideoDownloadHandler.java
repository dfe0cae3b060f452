package com.example.video;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A video-download job, as it ran on a server: fetch the metadata, download the video on a worker
 * thread, fetch the thumbnail, transcode. Every file is under {@code java.io.tmpdir} and removed.
 *
 * <p>Nothing here has a timeout: {@code thread.join()}, three HTTP calls, {@code Process.waitFor()}.
 * On a server a stuck call ties up one thread; on a function platform the invocation hangs until the
 * platform kills it at its timeout, with nothing in the log to say where. See
 * {@link FixedVideoDownloadHandler}.
 */
public class VideoDownloadHandler {

    private static final Pattern TITLE = Pattern.compile("\"title\"\\s*:\\s*\"([^\"]*)\"");

    private final String site;
    private final HttpClient http = HttpClient.newHttpClient();

    public VideoDownloadHandler(String site) {
        this.site = site;
    }

    public DownloadResponse handle(String videoId) {
        Path work = null;
        try {
            work = Files.createTempDirectory("video-download-");
            String title = fetchTitle(videoId);
            Path video = download(videoId, work.resolve(videoId + ".mp4"));
            byte[] thumbnail = fetchThumbnail(videoId);
            String transcoder = transcode(video);
            return DownloadResponse.ok(videoId, title, Files.size(video), thumbnail.length, transcoder);
        } catch (IOException e) {
            return DownloadResponse.error(502, "download failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DownloadResponse.error(503, "interrupted");
        } finally {
            deleteQuietly(work);
        }
    }

    private String fetchTitle(String videoId) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(site + "/api/videos/" + videoId).toURL()
                .openConnection();
        try (InputStream body = connection.getInputStream()) { // demo: metadata
            Matcher title = TITLE.matcher(new String(body.readAllBytes(), StandardCharsets.UTF_8));
            return title.find() ? title.group(1) : videoId;
        }
    }

    private Path download(String videoId, Path target) throws IOException, InterruptedException {
        Map<String, Object> status = new ConcurrentHashMap<>();
        Thread worker = new Thread(() -> {
            try {
                HttpRequest request = HttpRequest.newBuilder(URI.create(site + "/videos/" + videoId + ".mp4")).build();
                status.put("result", http.send(request, HttpResponse.BodyHandlers.ofFile(target)).body()); // demo: download
            } catch (IOException | InterruptedException e) {
                status.put("error", e);
            }
        }, "download-" + videoId);
        worker.start();
        worker.join(); // demo: join
        if (status.get("error") instanceof Exception e) {
            throw new IOException("download of " + videoId + " failed", e);
        }
        return (Path) status.get("result");
    }

    private byte[] fetchThumbnail(String videoId) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(site + "/thumbnails/" + videoId + ".jpg")).build();
        return http.send(request, HttpResponse.BodyHandlers.ofByteArray()).body(); // demo: thumbnail
    }

    /** Stands in for {@code ffmpeg -i video.mp4 ...}: a child process that takes a moment and answers. */
    private String transcode(Path video) throws IOException, InterruptedException {
        Process ffmpeg = new ProcessBuilder("sh", "-c", "sleep 0.2; echo \"transcoded $(wc -c < \"$1\") bytes\"",
                "ffmpeg", video.toString()).redirectErrorStream(true).start();
        int exit = ffmpeg.waitFor(); // demo: transcode
        String output = new String(ffmpeg.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (exit != 0) {
            throw new IOException("transcoder exited with " + exit + ": " + output);
        }
        return output;
    }

    static void deleteQuietly(Path directory) {
        if (directory == null) {
            return;
        }
        try (var files = Files.list(directory)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(directory);
        } catch (IOException e) {
            System.err.println("could not clean up " + directory + ": " + e);
        }
    }
}
