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
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@link VideoDownloadHandler}, corrected: the same steps, each with a timeout well below the function's
 * own, and a clear error when one runs out instead of an invocation that hangs until it is killed.
 */
public class FixedVideoDownloadHandler {

    private static final Pattern TITLE = Pattern.compile("\"title\"\\s*:\\s*\"([^\"]*)\"");
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration DOWNLOAD_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration TRANSCODE_TIMEOUT = Duration.ofSeconds(30);

    private final String site;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();

    public FixedVideoDownloadHandler(String site) {
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
        } catch (TimedOut e) {
            return DownloadResponse.error(504, e.getMessage());
        } catch (IOException e) { // HttpTimeoutException and SocketTimeoutException included
            return DownloadResponse.error(502, "download failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DownloadResponse.error(503, "interrupted");
        } finally {
            VideoDownloadHandler.deleteQuietly(work);
        }
    }

    private String fetchTitle(String videoId) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(site + "/api/videos/" + videoId).toURL()
                .openConnection();
        connection.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis());
        connection.setReadTimeout((int) REQUEST_TIMEOUT.toMillis());
        try (InputStream body = connection.getInputStream()) {
            Matcher title = TITLE.matcher(new String(body.readAllBytes(), StandardCharsets.UTF_8));
            return title.find() ? title.group(1) : videoId;
        }
    }

    private Path download(String videoId, Path target) throws IOException, InterruptedException {
        Map<String, Object> status = new ConcurrentHashMap<>();
        Thread worker = new Thread(() -> {
            try {
                HttpRequest request = HttpRequest.newBuilder(URI.create(site + "/videos/" + videoId + ".mp4"))
                        .timeout(DOWNLOAD_TIMEOUT).build();
                status.put("result", http.send(request, HttpResponse.BodyHandlers.ofFile(target)).body());
            } catch (IOException | InterruptedException e) {
                status.put("error", e);
            }
        }, "download-" + videoId);
        worker.start();
        worker.join(DOWNLOAD_TIMEOUT.plusSeconds(1).toMillis());
        if (worker.isAlive()) {
            worker.interrupt();
            throw new TimedOut("download of " + videoId + " took more than " + DOWNLOAD_TIMEOUT.toSeconds() + " s");
        }
        if (status.get("error") instanceof Exception e) {
            throw new IOException("download of " + videoId + " failed", e);
        }
        return (Path) status.get("result");
    }

    private byte[] fetchThumbnail(String videoId) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(site + "/thumbnails/" + videoId + ".jpg"))
                .timeout(REQUEST_TIMEOUT).build();
        return http.send(request, HttpResponse.BodyHandlers.ofByteArray()).body();
    }

    /** Stands in for {@code ffmpeg -i video.mp4 ...}: a child process that takes a moment and answers. */
    private String transcode(Path video) throws IOException, InterruptedException {
        Process ffmpeg = new ProcessBuilder("sh", "-c", "sleep 0.2; echo \"transcoded $(wc -c < \"$1\") bytes\"",
                "ffmpeg", video.toString()).redirectErrorStream(true).start();
        if (!ffmpeg.waitFor(TRANSCODE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            ffmpeg.destroyForcibly();
            throw new TimedOut("transcoding took more than " + TRANSCODE_TIMEOUT.toSeconds() + " s");
        }
        String output = new String(ffmpeg.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (ffmpeg.exitValue() != 0) {
            throw new IOException("transcoder exited with " + ffmpeg.exitValue() + ": " + output);
        }
        return output;
    }

    /** A step ran out of time: the job answers 504 at once instead of hanging. */
    private static final class TimedOut extends IOException {
        private static final long serialVersionUID = 1L;

        TimedOut(String message) {
            super(message);
        }
    }
}
