package dev.sqlpack.stack;

/** The processes of the local stack, in start order. */
public enum Component {
    KAFKA("kafka", "kafka"),
    POSTGRES("postgres", "postgres"),
    JOBMANAGER("jobmanager", "jobmanager"),
    TASKMANAGER("taskmanager", null),
    GATEWAY("gateway", "gateway");

    private final String id;
    private final String portKey;

    Component(String id, String portKey) {
        this.id = id;
        this.portKey = portKey;
    }

    public String id() {
        return id;
    }

    /** Key into {@link StackConfig#ports()}, or null for a component without a fixed port. */
    public String portKey() {
        return portKey;
    }

    public static Component byId(String id) {
        for (Component c : values()) {
            if (c.id.equals(id)) {
                return c;
            }
        }
        throw new StackException("unknown component '" + id + "'; choose one of kafka, postgres, jobmanager, taskmanager, gateway");
    }
}
