package dev.sqlpack.stack.process;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Keeps one child process running: restarts it when it exits, until this process is told to
 * stop (SIGTERM), which it passes on to the child. The local stack runs its TaskManager under it,
 * so a crashed or killed TaskManager comes back, as it would under a cluster manager.
 *
 * <p>Usage: {@code Supervisor PIDFILE DELAY_MS -- COMMAND...}; the child's pid is written to PIDFILE.
 * Uses only the JDK, so its class path is one directory or jar.
 */
public final class Supervisor {
    private static volatile boolean stopping;
    private static volatile Process child;

    private Supervisor() {}

    public static void main(String[] args) throws Exception {
        int sep = Arrays.asList(args).indexOf("--");
        if (sep != 2 || args.length < 4) {
            System.err.println("usage: Supervisor PIDFILE DELAY_MS -- COMMAND...");
            System.exit(2);
        }
        Path pidFile = Path.of(args[0]);
        long delayMs = Long.parseLong(args[1]);
        List<String> command = Arrays.asList(args).subList(3, args.length);
        Runtime.getRuntime().addShutdownHook(new Thread(Supervisor::stopChild, "supervisor-stop"));
        int restarts = 0;
        while (!stopping) {
            Process p = new ProcessBuilder(command).inheritIO().start();
            child = p;
            Files.writeString(pidFile, Long.toString(p.pid()));
            int code = p.waitFor();
            if (stopping) {
                break;
            }
            restarts++;
            System.out.println("[sqlpack supervisor " + Instant.now() + "] child pid " + p.pid() + " exited with code "
                    + code + "; restarting in " + delayMs + " ms (restart " + restarts + ")");
            System.out.flush();
            TimeUnit.MILLISECONDS.sleep(delayMs);
        }
    }

    private static void stopChild() {
        stopping = true;
        Process p = child;
        if (p == null || !p.isAlive()) {
            return;
        }
        p.destroy();
        try {
            if (!p.waitFor(25, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The class path entry holding this class: what a supervisor JVM needs. */
    public static String classpath() {
        try {
            return Path.of(Supervisor.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

}
