package org.wsis.localstack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/** Loopback port helpers: everything local-stack starts listens on 127.0.0.1 only. */
public final class Ports {
    public static final String LOOPBACK = "127.0.0.1";

    /** Lowest port handed out; below it live the well-known and registered ports people run things on. */
    private static final int LOWEST = 15000;
    private static final int EPHEMERAL_LOW_DEFAULT = 32768;
    private static final Set<Integer> HANDED_OUT = new HashSet<>();

    private Ports() {
    }

    /**
     * A port that is free right now, drawn below the kernel's ephemeral range. A port the OS picks
     * (bind to 0) lies inside that range, and the many outgoing connections made while the stack
     * boots (JDBC, Kafka clients) take local ports from the same range: one of them could grab a
     * service's port in the seconds before the service binds it ("Port ... seems to be in use").
     * Ports already handed out by this JVM are never handed out twice.
     */
    public static synchronized int freePort() {
        int high = ephemeralLow() - 1;
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = random.nextInt(LOWEST, high + 1);
            if (!HANDED_OUT.contains(port) && canBind(port)) {
                HANDED_OUT.add(port);
                return port;
            }
        }
        throw new StackException("Could not find a free port on " + LOOPBACK + " between " + LOWEST + " and " + high);
    }

    /** Fails with a clear message when a fixed port is already taken. */
    public static int requireFree(int port, String whatFor) {
        if (canBind(port)) {
            return port;
        }
        throw new StackException("Port " + port + " on " + LOOPBACK + " (wanted by " + whatFor
                + ") is already in use. Stop what uses it (see: ss -ltnp 'sport = :" + port
                + "') or pick other ports with --port-offset=N.");
    }

    public static boolean isListening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(LOOPBACK, port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean canBind(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(LOOPBACK), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** First port of the kernel's ephemeral range (Linux); the usual default elsewhere. */
    static int ephemeralLow() {
        try {
            String range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim();
            int low = Integer.parseInt(range.split("\\s+")[0]);
            return low > LOWEST + 1000 ? low : EPHEMERAL_LOW_DEFAULT;
        } catch (IOException | RuntimeException e) {
            return EPHEMERAL_LOW_DEFAULT;
        }
    }
}
