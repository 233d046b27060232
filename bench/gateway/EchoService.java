import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in service for the gateway benchmark: GET /api/v1/ping answers a small JSON document at
 * once, so what is measured is the HTTP path, not a database. Run: java EchoService.java PORT
 */
public class EchoService {
    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        byte[] body = "{\"status\":\"ok\",\"service\":\"bench\"}".getBytes(StandardCharsets.UTF_8);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        System.out.println("echo service on 127.0.0.1:" + port);
    }
}
