package dev.sqlpack.gateway.auth;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalLong;

/**
 * Whether the peer of a loopback TCP connection is a socket of this very process: the gateway
 * calling its own REST API, as Flink's embedded workflow scheduler does to refresh materialized
 * tables (its REST client sends no header and no certificate). Like a Unix socket's peer
 * credentials, but for TCP, from Linux's {@code /proc}: the kernel's socket table names the inode
 * of the peer's socket, and {@code /proc/self/fd} lists the sockets this process holds. Elsewhere
 * (no {@code /proc}) the answer is no.
 *
 * <p>Sound because code that can open a socket inside the gateway's JVM can already call the
 * gateway's service directly: trusting it adds no power.
 */
public final class OwnProcessPeer {
    private static final List<Path> TCP_TABLES = List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));

    private OwnProcessPeer() {}

    /** True when {@code peer}, connected to this process's {@code server} socket, is also a socket of this process. */
    public static boolean isOwnSocket(InetSocketAddress peer, InetSocketAddress server) {
        if (peer == null || server == null || !peer.getAddress().isLoopbackAddress()) {
            return false;
        }
        OptionalLong inode = inodeOf(peer, server);
        return inode.isPresent() && holdsSocket(Path.of("/proc/self/fd"), inode.getAsLong());
    }

    /** The inode of the socket whose local end is {@code local} and remote end {@code remote}, from the kernel's tables. */
    static OptionalLong inodeOf(InetSocketAddress local, InetSocketAddress remote) {
        for (Path table : TCP_TABLES) {
            if (!Files.isReadable(table)) {
                continue;
            }
            try {
                for (String line : Files.readAllLines(table)) {
                    OptionalLong inode = match(line, local, remote);
                    if (inode.isPresent()) {
                        return inode;
                    }
                }
            } catch (IOException e) {
                // unreadable: no answer from this table
            }
        }
        return OptionalLong.empty();
    }

    /** The inode on one line of /proc/net/tcp{,6} ("sl local rem st ... uid timeout inode ...") if its ends match. */
    static OptionalLong match(String line, InetSocketAddress local, InetSocketAddress remote) {
        String[] f = line.trim().split("\\s+");
        if (f.length < 10 || !f[0].endsWith(":")) {
            return OptionalLong.empty(); // the header line, or a line cut short
        }
        try {
            if (local.equals(decode(f[1])) && remote.equals(decode(f[2]))) {
                long inode = Long.parseLong(f[9]);
                return inode == 0 ? OptionalLong.empty() : OptionalLong.of(inode);
            }
        } catch (IllegalArgumentException | UnknownHostException e) {
            // not an address line
        }
        return OptionalLong.empty();
    }

    /**
     * "0100007F:1F90" (IPv4) or 32 hex digits and a port (IPv6): the address as the kernel prints
     * it, each 32-bit word in the machine's byte order (little-endian here), the port as a number.
     */
    static InetSocketAddress decode(String hexAddressAndPort) throws UnknownHostException {
        int colon = hexAddressAndPort.indexOf(':');
        byte[] words = HexFormat.of().parseHex(hexAddressAndPort.substring(0, colon));
        if (words.length != 4 && words.length != 16) {
            throw new IllegalArgumentException(hexAddressAndPort);
        }
        byte[] address = new byte[words.length];
        boolean littleEndian = java.nio.ByteOrder.nativeOrder() == java.nio.ByteOrder.LITTLE_ENDIAN;
        for (int w = 0; w < words.length; w += 4) {
            for (int b = 0; b < 4; b++) {
                address[w + b] = words[w + (littleEndian ? 3 - b : b)];
            }
        }
        // an IPv4-mapped IPv6 address comes back as the IPv4 address, as the JDK reports the connection
        return new InetSocketAddress(InetAddress.getByAddress(address), Integer.parseInt(hexAddressAndPort.substring(colon + 1), 16));
    }

    /** Whether a file descriptor in {@code fdDir} is the socket with {@code inode}. */
    static boolean holdsSocket(Path fdDir, long inode) {
        String target = "socket:[" + inode + "]";
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(fdDir)) {
            for (Path fd : fds) {
                try {
                    if (Files.readSymbolicLink(fd).toString().equals(target)) {
                        return true;
                    }
                } catch (IOException | UnsupportedOperationException e) {
                    // closed meanwhile, or not a link
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }
}
