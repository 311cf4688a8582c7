package dev.sqlpack.stack;

/** The kinds of server of the local stack, in start order (there may be several TaskManagers: {@link Server}). */
public enum Component {
    KAFKA("kafka", "kafka", "Kafka", "TERM"),
    POSTGRES("postgres", "postgres", "PostgreSQL", "INT"),
    JOBMANAGER("jobmanager", "jobmanager", "JobManager", "TERM"),
    TASKMANAGER("taskmanager", null, "TaskManager", "TERM"),
    GATEWAY("gateway", "gateway", "SQL gateway", "TERM");

    private final String id;
    private final String portKey;
    private final String displayName;
    private final String stopSignal;

    Component(String id, String portKey, String displayName, String stopSignal) {
        this.id = id;
        this.portKey = portKey;
        this.displayName = displayName;
        this.stopSignal = stopSignal;
    }

    public String id() {
        return id;
    }

    /** Key into {@link StackConfig#ports()}, or null for a component without a fixed port. */
    public String portKey() {
        return portKey;
    }

    /** The name error messages use: "PostgreSQL exited during start-up". */
    public String displayName() {
        return displayName;
    }

    /** The signal that stops it cleanly: INT is PostgreSQL's fast shutdown (TERM would wait for every client). */
    public String stopSignal() {
        return stopSignal;
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
