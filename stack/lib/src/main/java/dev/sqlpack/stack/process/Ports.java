package dev.sqlpack.stack.process;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Loopback port helpers. */
public final class Ports {
    public static final String LOOPBACK = "127.0.0.1";

    private Ports() {}

    /** Lowest port handed out by {@link #free()}: above the well-known and common service ports. */
    static final int LOWEST = 20_000;
    private static final java.util.Set<Integer> HANDED_OUT = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * A port that was free on 127.0.0.1 a moment ago, below the kernel's ephemeral range, and not
     * handed out before in this JVM. Below the ephemeral range because the stack's processes also
     * bind ports the kernel picks (a TaskManager's RPC, data and metrics ports, the blob server):
     * a port chosen with {@code new ServerSocket(0)} comes from the same range, and one of those
     * processes could be given it before the server it was chosen for starts. (A clean-clone CI run
     * lost the gateway's port to a TaskManager's metrics actor system that way.)
     */
    public static int free() {
        int high = ephemeralLow(java.nio.file.Path.of("/proc/sys/net/ipv4/ip_local_port_range")) - 1;
        if (high - LOWEST < 1_000) {
            return kernelChosen(); // an unusual ephemeral range: no room below it
        }
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = random.nextInt(LOWEST, high + 1);
            if (!HANDED_OUT.contains(port) && bindable(port) && HANDED_OUT.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free loopback port between " + LOWEST + " and " + high + " after 200 tries");
    }

    /** The first port of the kernel's ephemeral range (32768 when it cannot be read, Linux's default). */
    static int ephemeralLow(java.nio.file.Path rangeFile) {
        try {
            // readAllLines, not readString: /proc files report size 0 and readString reads one byte of them
            return Integer.parseInt(java.nio.file.Files.readAllLines(rangeFile).get(0).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 32_768;
        }
    }

    private static boolean bindable(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getByName(LOOPBACK), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int kernelChosen() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free loopback port", e);
        }
    }

    /** True when nothing listens on {@code port} and we could bind it on loopback. */
    public static boolean isFree(int port) {
        try (Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress(LOOPBACK, port), 200);
            return false;
        } catch (IOException listeningNobody) {
            // nothing accepted; now make sure we could bind it ourselves
        }
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(LOOPBACK, port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** True when something accepts connections on 127.0.0.1:{@code port}. */
    public static boolean isListening(int port) {
        try (Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress(LOOPBACK, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
