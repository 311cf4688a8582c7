package dev.sqlpack.stack.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PortsTest {
    @TempDir Path tmp;

    @Test
    void freePortsLieBelowTheKernelsEphemeralRangeAreDistinctAndBindable() throws Exception {
        int ephemeralLow = Ports.ephemeralLow(Path.of("/proc/sys/net/ipv4/ip_local_port_range"));
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 300; i++) {
            int p = Ports.free();
            assertThat(p).isBetween(Ports.LOWEST, ephemeralLow - 1);
            assertThat(ports.add(p)).as("port " + p + " handed out twice").isTrue();
        }
        int p = Ports.free();
        try (ServerSocket s = new ServerSocket(p, 1, InetAddress.getByName(Ports.LOOPBACK))) {
            assertThat(s.getLocalPort()).isEqualTo(p);
        }
    }

    @Test
    void theEphemeralRangeIsReadFromTheKernelsFileOrDefaultsToLinuxs() throws Exception {
        Path range = tmp.resolve("ip_local_port_range");
        Files.writeString(range, "40000\t60999\n");
        assertThat(Ports.ephemeralLow(range)).isEqualTo(40000);
        Files.writeString(range, "garbage");
        assertThat(Ports.ephemeralLow(range)).isEqualTo(32768);
        assertThat(Ports.ephemeralLow(tmp.resolve("missing"))).isEqualTo(32768);
    }

    @Test
    void aPortInUseIsNotFree() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName(Ports.LOOPBACK))) {
            assertThat(Ports.isFree(taken.getLocalPort())).isFalse();
            assertThat(Ports.isListening(taken.getLocalPort())).isTrue();
        }
    }
}
