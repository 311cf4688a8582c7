package dev.sqlpack.stack.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What happened to one server of the stack, one line per event in {@code <state>/run/<id>.events}:
 * the supervisor records starts, exits and restarts; {@code up} and {@code status} record a server
 * they found dead with nobody left to record its exit. {@code ./sqlpack status} reads it back.
 *
 * <p>Line format: {@code <ISO-8601 instant> <kind> <pid> [<exit code>|-]}, tab-separated. Uses
 * only the JDK: the supervisor's JVM loads it.
 */
public final class ProcessHistory {
    /** The kinds of events. */
    public enum Kind {
        /** the server process started (first start or a restart) */
        STARTED,
        /** a running server left over from an earlier supervisor is watched again */
        ADOPTED,
        /** the server exited without being asked to */
        EXITED,
        /** the server was stopped on request ({@code down}) */
        STOPPED,
        /** neither the server nor its supervisor was alive when {@code up} or {@code status} looked */
        FOUND_DEAD
    }

    /** One event; {@code exitCode} is null when unknown (a process that was not our child). */
    public record Event(Instant time, Kind kind, long pid, Integer exitCode) {
        String line() {
            return time + "\t" + kind + "\t" + pid + "\t" + (exitCode == null ? "-" : exitCode.toString());
        }

        static Optional<Event> parse(String line) {
            String[] f = line.split("\t");
            if (f.length != 4) {
                return Optional.empty(); // a line cut short by a crash mid-write
            }
            try {
                return Optional.of(new Event(Instant.parse(f[0]), Kind.valueOf(f[1]), Long.parseLong(f[2]),
                        "-".equals(f[3]) ? null : Integer.valueOf(f[3])));
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        }

        /** "exit 1", "killed by SIGKILL" (the JDK reports 128 + signal for a child killed by a signal). */
        public String describeExit() {
            if (exitCode == null) {
                return "exit status unknown";
            }
            if (exitCode > 128 && exitCode < 128 + 32) {
                return "killed by " + signalName(exitCode - 128);
            }
            return "exit " + exitCode;
        }
    }

    /**
     * The summary {@code status} prints: restarts, the last unrequested end of the server, the
     * last start.
     */
    public record Summary(int restarts, Optional<Event> lastDeath, Optional<Event> lastStart) {}

    private final Path file;

    public ProcessHistory(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /** Appends one event; several writers (a supervisor and a CLI) append whole lines. */
    public void record(Kind kind, long pid, Integer exitCode) {
        record(new Event(Instant.now(), kind, pid, exitCode));
    }

    public void record(Event e) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, e.line() + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (IOException ex) {
            // the history is for the operator's information; never let it stop a server
            System.err.println("could not record " + e.kind() + " in " + file + ": " + ex.getMessage());
        }
    }

    public List<Event> events() {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            List<Event> events = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                Event.parse(line).ifPresent(events::add);
            }
            return events;
        } catch (IOException e) {
            return List.of();
        }
    }

    public Optional<Event> last() {
        List<Event> all = events();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /**
     * Restarts count the starts that followed an unrequested end (EXITED or FOUND_DEAD) since the
     * last requested stop, so a {@code down}/{@code up} cycle starts again from zero.
     */
    public Summary summary() {
        return summarize(events());
    }

    /**
     * The restart count of the server process {@code pid} when it started: 0 for a first start, n
     * for the n-th restart since the last requested stop. Empty when no start of it is recorded (yet).
     */
    public java.util.OptionalInt restartsWhenStarted(long pid) {
        List<Event> all = events();
        for (int i = all.size() - 1; i >= 0; i--) {
            Event e = all.get(i);
            if (e.kind() == Kind.STARTED && e.pid() == pid) {
                return java.util.OptionalInt.of(summarize(all.subList(0, i + 1)).restarts());
            }
        }
        return java.util.OptionalInt.empty();
    }

    /** The restart count the next start will have (0 after a requested stop or on a fresh history). */
    public int restartsOfNextStart() {
        List<Event> all = new ArrayList<>(events());
        all.add(new Event(Instant.now(), Kind.STARTED, -1, null));
        return summarize(all).restarts();
    }

    public static Summary summarize(List<Event> events) {
        int restarts = 0;
        boolean died = false;
        Event lastDeath = null;
        Event lastStart = null;
        for (Event e : events) {
            switch (e.kind()) {
                case STOPPED -> {
                    restarts = 0;
                    died = false;
                    lastDeath = null;
                }
                case EXITED, FOUND_DEAD -> {
                    died = true;
                    lastDeath = e;
                }
                case STARTED, ADOPTED -> {
                    if (died && e.kind() == Kind.STARTED) {
                        restarts++;
                    }
                    died = false;
                    lastStart = e;
                }
                default -> throw new IllegalStateException(e.kind().toString());
            }
        }
        return new Summary(restarts, Optional.ofNullable(lastDeath), Optional.ofNullable(lastStart));
    }

    static String signalName(int signal) {
        return switch (signal) {
            case 1 -> "SIGHUP";
            case 2 -> "SIGINT";
            case 6 -> "SIGABRT";
            case 9 -> "SIGKILL";
            case 15 -> "SIGTERM";
            default -> "signal " + signal;
        };
    }
}
