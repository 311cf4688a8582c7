package dev.sqlpack.stack;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The TCP listening addresses of a set of processes, read from Linux's /proc. */
final class ListeningSockets {
    private ListeningSockets() {}

    static List<String> of(List<Long> pids) throws IOException {
        Set<String> inodes = new HashSet<>();
        for (long pid : pids) {
            Path fd = Path.of("/proc", Long.toString(pid), "fd");
            if (!Files.isDirectory(fd)) {
                continue;
            }
            try (DirectoryStream<Path> links = Files.newDirectoryStream(fd)) {
                for (Path link : links) {
                    try {
                        String target = Files.readSymbolicLink(link).toString();
                        if (target.startsWith("socket:[")) {
                            inodes.add(target.substring(8, target.length() - 1));
                        }
                    } catch (IOException closedMeanwhile) {
                        // fds come and go while we look
                    }
                }
            }
        }
        List<String> out = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            List<String> lines = Files.readAllLines(Path.of(table));
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.trim().split("\\s+");
                if (!"0A".equals(f[3]) || !inodes.contains(f[9])) {
                    continue; // 0A = LISTEN
                }
                String[] hostPort = f[1].split(":");
                out.add(address(hostPort[0]) + ":" + Integer.parseInt(hostPort[1], 16));
            }
        }
        return out;
    }

    /** /proc prints addresses as little-endian 32-bit words in hex. */
    private static String address(String hex) throws IOException {
        byte[] bytes = new byte[hex.length() / 2];
        for (int word = 0; word < bytes.length / 4; word++) {
            for (int b = 0; b < 4; b++) {
                int idx = word * 4 + b;
                int src = word * 8 + (3 - b) * 2;
                bytes[idx] = (byte) Integer.parseInt(hex.substring(src, src + 2), 16);
            }
        }
        InetAddress a = InetAddress.getByAddress(bytes);
        String text = a.getHostAddress();
        if (bytes.length == 16 && isV4Mapped(bytes)) {
            return "::ffff:" + (bytes[12] & 0xff) + "." + (bytes[13] & 0xff) + "." + (bytes[14] & 0xff) + "." + (bytes[15] & 0xff);
        }
        return "0:0:0:0:0:0:0:1".equals(text) ? "::1" : text;
    }

    private static boolean isV4Mapped(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    }
}
