package dev.sqlpack.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ServerTest {
    @Test
    void everyServerInStartOrderWithNumberedTaskManagers() {
        assertThat(Server.all(1)).extracting(Server::id)
                .containsExactly("kafka", "postgres", "jobmanager", "taskmanager-1", "gateway");
        assertThat(Server.all(3)).extracting(Server::id)
                .containsExactly("kafka", "postgres", "jobmanager", "taskmanager-1", "taskmanager-2", "taskmanager-3", "gateway");
    }

    @Test
    void selectsOneServerOrEveryTaskManager() {
        List<Server> all = Server.all(3);
        assertThat(Server.select("taskmanager-2", all)).containsExactly(Server.taskManager(2));
        assertThat(Server.select("taskmanager", all)).extracting(Server::id)
                .containsExactly("taskmanager-1", "taskmanager-2", "taskmanager-3");
        assertThat(Server.select("gateway", all)).containsExactly(Server.of(Component.GATEWAY));
    }

    @Test
    void anUnknownNameListsTheKnownOnes() {
        for (String bad : List.of("taskmanager-4", "taskmanager-0", "", " kafka", "KAFKA", "kafka-1", "täskmanager")) {
            assertThatThrownBy(() -> Server.select(bad, Server.all(3))).as(bad)
                    .isInstanceOf(StackException.class)
                    .hasMessage("unknown component '" + bad + "'; choose one of kafka, postgres, jobmanager, taskmanager-1,"
                            + " taskmanager-2, taskmanager-3, gateway (or taskmanager for all TaskManagers)");
        }
    }

    @Test
    void onlyTaskManagersAreNumbered() {
        assertThatThrownBy(() -> new Server(Component.KAFKA, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Server(Component.TASKMANAGER, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aStackNeedsAtLeastOneTaskManager() {
        assertThatThrownBy(() -> StackConfig.defaults(java.nio.file.Path.of("/tmp/x")).withTaskManagers(0))
                .isInstanceOf(StackException.class)
                .hasMessage("The number of TaskManagers must be at least 1, but was 0: ./sqlpack up --taskmanagers <n>");
        assertThat(StackConfig.defaults(java.nio.file.Path.of("/tmp/x")).withTaskManagers(3).withTls(true).taskManagers())
                .isEqualTo(3);
    }
}
