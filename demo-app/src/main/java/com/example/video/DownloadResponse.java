package com.example.video;

/** What a video job returns to its caller: a status code and a JSON body. */
public record DownloadResponse(int statusCode, String body) {

    static DownloadResponse ok(String videoId, String title, long videoBytes, long thumbnailBytes, String transcoder) {
        return new DownloadResponse(200, "{\"id\":" + quote(videoId) + ",\"title\":" + quote(title)
                + ",\"videoBytes\":" + videoBytes + ",\"thumbnailBytes\":" + thumbnailBytes
                + ",\"transcoder\":" + quote(transcoder) + "}");
    }

    static DownloadResponse error(int statusCode, String message) {
        return new DownloadResponse(statusCode, "{\"error\":" + quote(message) + "}");
    }

    private static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
