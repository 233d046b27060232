package org.wsis.localstack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Loopback port helpers: everything local-stack starts listens on 127.0.0.1 only. */
public final class Ports {
    public static final String LOOPBACK = "127.0.0.1";

    private Ports() {
    }

    /** A port that is free right now (the OS picks it). */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new StackException("Could not find a free port on " + LOOPBACK, e);
        }
    }

    /** Fails with a clear message when a fixed port is already taken. */
    public static int requireFree(int port, String whatFor) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(LOOPBACK, port));
            return port;
        } catch (IOException e) {
            throw new StackException("Port " + port + " on " + LOOPBACK + " (wanted by " + whatFor
                    + ") is already in use. Stop what uses it (see: ss -ltnp 'sport = :" + port
                    + "') or pick other ports with --port-offset=N.");
        }
    }

    public static boolean isListening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(LOOPBACK, port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
