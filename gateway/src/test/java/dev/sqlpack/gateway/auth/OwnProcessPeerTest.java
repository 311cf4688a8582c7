package dev.sqlpack.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Real loopback connections: one from this JVM, one from another process. */
class OwnProcessPeerTest {

    @Test
    void decodesTheKernelsHexAddressesInMachineOrder() throws Exception {
        // as /proc/net/tcp prints 127.0.0.1:8080 and 10.1.2.3:443 on a little-endian machine
        assertThat(OwnProcessPeer.decode("0100007F:1F90")).isEqualTo(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 8080));
        assertThat(OwnProcessPeer.decode("0302010A:01BB")).isEqualTo(new InetSocketAddress(InetAddress.getByName("10.1.2.3"), 443));
        // ::1 and an IPv4-mapped 127.0.0.1 from /proc/net/tcp6
        assertThat(OwnProcessPeer.decode("00000000000000000000000001000000:0050"))
                .isEqualTo(new InetSocketAddress(InetAddress.getByName("::1"), 80));
        assertThat(OwnProcessPeer.decode("0000000000000000FFFF00000100007F:0050"))
                .isEqualTo(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 80));
    }

    @Test
    void aLineMatchesOnlyWithBothEndsAndGivesItsInode() throws Exception {
        String line = "   3: 0100007F:A2C4 0100007F:1F90 01 00000000:00000000 00:00000000 00000000     0        0 4242 1 0000";
        InetSocketAddress a = new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0xA2C4);
        InetSocketAddress b = new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 8080);
        assertThat(OwnProcessPeer.match(line, a, b)).hasValue(4242);
        assertThat(OwnProcessPeer.match(line, b, a)).isEmpty();
        assertThat(OwnProcessPeer.match("  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode", a, b)).isEmpty();
        assertThat(OwnProcessPeer.match("garbage", a, b)).isEmpty();
        assertThat(OwnProcessPeer.match("", a, b)).isEmpty();
    }

    @Test
    void aConnectionFromThisProcessIsOwnAndOneFromAnotherProcessIsNot() throws Exception {
        assumeThat(Files.isReadable(Path.of("/proc/net/tcp"))).as("Linux /proc").isTrue();
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            try (Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
                    Socket accepted = server.accept()) {
                assertThat(OwnProcessPeer.isOwnSocket((InetSocketAddress) accepted.getRemoteSocketAddress(),
                        (InetSocketAddress) accepted.getLocalSocketAddress())).isTrue();
            }
            // another process connects and holds the connection until we close our end
            Process other = new ProcessBuilder("python3", "-c", "import socket, sys; s = socket.create_connection(('127.0.0.1', "
                    + server.getLocalPort() + ")); s.recv(1)").redirectErrorStream(true).start();
            try (Socket accepted = server.accept()) {
                assertThat(OwnProcessPeer.isOwnSocket((InetSocketAddress) accepted.getRemoteSocketAddress(),
                        (InetSocketAddress) accepted.getLocalSocketAddress())).isFalse();
            } finally {
                other.destroy();
                other.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void aNonLoopbackOrUnknownPeerIsNeverOwn() throws Exception {
        InetSocketAddress server = new InetSocketAddress(InetAddress.getLoopbackAddress(), 8083);
        assertThat(OwnProcessPeer.isOwnSocket(new InetSocketAddress(InetAddress.getByName("10.0.0.7"), 40000), server)).isFalse();
        assertThat(OwnProcessPeer.isOwnSocket(null, server)).isFalse();
        // a loopback port nothing uses: no socket in the kernel's tables
        assertThat(OwnProcessPeer.isOwnSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 1), server)).isFalse();
    }
}
