package com.example.snapstart;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A connection to the price service: one line asked ({@code quote <sku>}), one line answered (the price). */
final class PriceClient implements Closeable {

    private static final int TIMEOUT_MILLIS = 2000;

    private final Socket socket;
    private final BufferedReader in;
    private final PrintWriter out;

    private PriceClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        this.out = new PrintWriter(socket.getOutputStream(), true, StandardCharsets.UTF_8);
    }

    /** @param service {@code host:port} */
    static PriceClient connect(String service) {
        int colon = service.lastIndexOf(':');
        InetSocketAddress address = new InetSocketAddress(service.substring(0, colon),
                Integer.parseInt(service.substring(colon + 1)));
        Socket socket = new Socket();
        try {
            socket.connect(address, TIMEOUT_MILLIS); // demo: connect
            socket.setSoTimeout(TIMEOUT_MILLIS);
            return new PriceClient(socket);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach the price service at " + service, e);
        }
    }

    double quote(String sku) {
        out.println("quote " + sku); // demo: use
        try {
            String price = in.readLine();
            if (price == null) {
                throw new IOException("the price service closed the connection");
            }
            return Double.parseDouble(price);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
