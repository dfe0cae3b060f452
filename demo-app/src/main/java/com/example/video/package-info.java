/**
 * The video-download job from the Flask field report, ported to Java: fetch a video's metadata, download
 * the video on a worker thread, fetch its thumbnail, and transcode it with an external program.
 *
 * <p>{@link com.example.video.VideoDownloadHandler} is the code as it ran on a server: it joins the worker
 * with no timeout, makes its HTTP calls with no timeouts and waits for the transcoder with
 * {@code Process.waitFor()}. Any of them can wait forever, and on a function platform the invocation then
 * hangs until the platform kills it. {@link com.example.video.FixedVideoDownloadHandler} is its corrected
 * twin: the same steps, each with a timeout. {@link com.example.video.FakeVideoSite} stands in for the
 * video site, on 127.0.0.1.
 */
package com.example.video;
