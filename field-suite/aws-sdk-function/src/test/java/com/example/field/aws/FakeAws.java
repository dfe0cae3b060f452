package com.example.field.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * The two requests the function makes, answered by two JDK HTTP servers on 127.0.0.1, because S3 and DynamoDB
 * cannot be reached from the test machine (and neither LocalStack nor DynamoDB Local can run here): S3 GetObject on
 * path-style URLs, with the ETag and the CRC32 checksum the SDK validates, and DynamoDB PutItem, with the
 * {@code x-amz-crc32} header the SDK checks. The test stores the objects directly ({@link #putObject}) and reads the
 * items back directly ({@link #item}). Anything else is answered with the service's error. Signatures are not
 * verified, but the access key id of each request's SigV4 {@code Authorization} header is recorded.
 */
final class FakeAws implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CREDENTIAL = Pattern.compile("Credential=([^/]+)/");

    private final HttpServer s3;
    private final HttpServer dynamoDb;
    private final Map<String, byte[]> objects = new ConcurrentHashMap<>();
    private final Map<String, JsonNode> items = new ConcurrentHashMap<>();
    private final List<String> requests = new ArrayList<>();
    private final List<String> accessKeys = new ArrayList<>();

    private FakeAws() throws IOException {
        InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        s3 = HttpServer.create(loopback, 16);
        s3.createContext("/", this::s3);
        dynamoDb = HttpServer.create(loopback, 16);
        dynamoDb.createContext("/", this::dynamoDb);
        s3.start();
        dynamoDb.start();
    }

    static FakeAws start() throws IOException {
        return new FakeAws();
    }

    String s3Endpoint() {
        return "http://127.0.0.1:" + s3.getAddress().getPort();
    }

    String dynamoDbEndpoint() {
        return "http://127.0.0.1:" + dynamoDb.getAddress().getPort();
    }

    void putObject(String bucket, String key, String content) {
        objects.put(bucket + "/" + key, content.getBytes(StandardCharsets.UTF_8));
    }

    /** The item stored in {@code table} under the string partition key {@code name = value}, or null. */
    JsonNode item(String table, String name, String value) {
        return items.get(table + "/" + name + "=" + value);
    }

    /** Every request so far: {@code GET /bucket/key}, {@code DynamoDB_20120810.PutItem orders}... */
    synchronized List<String> requests() {
        return List.copyOf(requests);
    }

    /** The access key id each request was signed with. */
    synchronized List<String> accessKeys() {
        return List.copyOf(accessKeys);
    }

    synchronized void clear() {
        requests.clear();
        accessKeys.clear();
        items.clear();
    }

    @Override
    public void close() {
        s3.stop(0);
        dynamoDb.stop(0);
    }

    private void s3(HttpExchange exchange) throws IOException {
        try (exchange) {
            readBody(exchange);
            String path = exchange.getRequestURI().getRawPath();
            record(exchange, exchange.getRequestMethod() + " " + path);
            String name = java.net.URLDecoder.decode(path.substring(1), StandardCharsets.UTF_8);
            switch (exchange.getRequestMethod()) {
                case "GET" -> {
                    byte[] object = objects.get(name);
                    if (object == null) {
                        s3Error(exchange, 404, "NoSuchKey", "The specified key does not exist.");
                        return;
                    }
                    exchange.getResponseHeaders().add("Content-Type", "text/csv");
                    exchange.getResponseHeaders().add("ETag", etag(object));
                    exchange.getResponseHeaders().add("x-amz-checksum-crc32", crc32Base64(object));
                    exchange.getResponseHeaders().add("x-amz-request-id", "FAKE0000000001");
                    exchange.sendResponseHeaders(200, object.length);
                    exchange.getResponseBody().write(object);
                }
                default -> s3Error(exchange, 405, "MethodNotAllowed", "Not supported by the fake.");
            }
        }
    }

    private void dynamoDb(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = readBody(exchange);
            String target = String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
            JsonNode request = JSON.readTree(body);
            String table = request.path("TableName").asText();
            record(exchange, target + " " + table);
            ObjectNode response = JSON.createObjectNode();
            switch (target) {
                case "DynamoDB_20120810.PutItem" -> {
                    JsonNode item = request.get("Item");
                    JsonNode key = item.get("orderId");
                    items.put(table + "/orderId=" + key.get("S").asText(), item);
                }
                default -> {
                    response.put("__type", "com.amazon.coral.service#UnknownOperationException");
                    dynamoDbResponse(exchange, 400, response);
                    return;
                }
            }
            dynamoDbResponse(exchange, 200, response);
        }
    }

    private synchronized void record(HttpExchange exchange, String request) {
        requests.add(request);
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        Matcher credential = CREDENTIAL.matcher(authorization == null ? "" : authorization);
        accessKeys.add(authorization != null && authorization.startsWith("AWS4-HMAC-SHA256") && credential.find()
                ? credential.group(1) : "unsigned");
    }

    private static byte[] readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return in.readAllBytes();
        }
    }

    private static void s3Error(HttpExchange exchange, int status, String code, String message) throws IOException {
        byte[] xml = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>" + message
                + "</Message><RequestId>FAKE0000000001</RequestId></Error>").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/xml");
        exchange.sendResponseHeaders(status, xml.length);
        exchange.getResponseBody().write(xml);
    }

    private static void dynamoDbResponse(HttpExchange exchange, int status, JsonNode json) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(json);
        CRC32 crc = new CRC32();
        crc.update(bytes);
        exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
        exchange.getResponseHeaders().add("x-amz-crc32", Long.toString(crc.getValue()));
        exchange.getResponseHeaders().add("x-amzn-RequestId", "FAKE0000000001");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static String etag(byte[] content) {
        try {
            return "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content)) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String crc32Base64(byte[] content) {
        CRC32 crc = new CRC32();
        crc.update(content);
        return Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
