package com.example.snapstart;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** The price service the coupon handlers ask, on 127.0.0.1: every {@code quote <sku>} line is answered {@code 20.0}. */
public final class PriceService implements AutoCloseable {

    private final ServerSocket server;
    private final Thread acceptor;

    private PriceService(ServerSocket server) {
        this.server = server;
        this.acceptor = new Thread(this::accept, "price-service");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public static PriceService start() throws IOException {
        return new PriceService(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
    }

    /** {@code 127.0.0.1:port}, as {@code PRICE_SERVICE} takes it. */
    public String address() {
        return server.getInetAddress().getHostAddress() + ":" + server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread answering = new Thread(() -> answer(client), "price-service-client");
                answering.setDaemon(true);
                answering.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private static void answer(Socket client) {
        try (client; BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(),
                StandardCharsets.UTF_8)); PrintWriter out = new PrintWriter(client.getOutputStream(), true,
                StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                out.println("20.0");
            }
        } catch (IOException gone) {
            // The function's environment ended.
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
