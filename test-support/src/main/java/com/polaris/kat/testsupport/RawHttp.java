package com.polaris.kat.testsupport;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * One HTTP/1.1 request written to a plain socket, for what Java's HTTP client refuses to send: a header whose value
 * holds UTF-8 bytes (as {@code curl -H 'Idempotency-Key: ключ'} sends it). The header lines are written as UTF-8;
 * the connection is closed after the answer.
 */
public final class RawHttp {

    private RawHttp() {
    }

    /** The answer: its status code, its header block (as received) and its body (read as UTF-8; not de-chunked). */
    public record Answer(int status, String head, String body) {
    }

    /**
     * @param headers header lines ({@code Name: value}) besides Host, Authorization (HTTP Basic of user and password),
     *                Content-Length and Connection
     * @param body    the body (UTF-8), or null for none
     */
    public static Answer send(int port, String method, String path, String user, String password, List<String> headers, String body)
            throws IOException {
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: localhost:" + port + "\r\nAuthorization: Basic "
                + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)) + "\r\n");
        headers.forEach(h -> head.append(h).append("\r\n"));
        head.append("Content-Length: ").append(content.length).append("\r\nConnection: close\r\n\r\n");
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(head.toString().getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().write(content);
            socket.getOutputStream().flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int end = response.indexOf("\r\n\r\n");
            return new Answer(Integer.parseInt(response.substring(9, 12)), response.substring(0, end), response.substring(end + 4));
        }
    }
}
