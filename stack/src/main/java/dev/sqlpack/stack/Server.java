package dev.sqlpack.stack;

import java.util.ArrayList;
import java.util.List;

/**
 * One server process of the stack: a component, and for TaskManagers which one (1..N). Its id
 * names its files ({@code logs/<id>.log}, {@code run/<id>.pid}) and is what {@code ./sqlpack logs}
 * takes: {@code kafka}, {@code postgres}, {@code jobmanager}, {@code taskmanager-1}, {@code gateway}.
 */
public record Server(Component component, int index) {
    public Server {
        if ((component == Component.TASKMANAGER) != (index > 0)) {
            throw new IllegalArgumentException(component + " " + index);
        }
    }

    public static Server of(Component c) {
        return new Server(c, 0);
    }

    public static Server taskManager(int index) {
        return new Server(Component.TASKMANAGER, index);
    }

    public String id() {
        return index == 0 ? component.id() : component.id() + "-" + index;
    }

    /** Every server of a stack with {@code taskManagers} TaskManagers, in start order. */
    public static List<Server> all(int taskManagers) {
        List<Server> servers = new ArrayList<>();
        for (Component c : Component.values()) {
            if (c == Component.TASKMANAGER) {
                for (int i = 1; i <= taskManagers; i++) {
                    servers.add(taskManager(i));
                }
            } else {
                servers.add(of(c));
            }
        }
        return servers;
    }

    /**
     * The servers {@code id} names among {@code servers}: one, or every TaskManager for
     * {@code taskmanager}.
     */
    public static List<Server> select(String id, List<Server> servers) {
        List<Server> hits = servers.stream()
                .filter(s -> s.id().equals(id) || (s.component() == Component.TASKMANAGER && id.equals("taskmanager")))
                .toList();
        if (hits.isEmpty()) {
            throw new StackException("unknown component '" + id + "'; choose one of "
                    + String.join(", ", servers.stream().map(Server::id).toList()) + " (or taskmanager for all TaskManagers)");
        }
        return hits;
    }

    @Override
    public String toString() {
        return id();
    }
}
