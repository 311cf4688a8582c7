package dev.sqlpack.gateway;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobID;
import org.apache.flink.runtime.client.JobStatusMessage;

/**
 * Which identity started which job, and how many of them still run. The endpoint fixes a job's id
 * before submission ({@code $internal.pipeline.job-id} in the statement's configuration), so a job
 * is known from the moment it is asked for; the cluster's job list says whether it still runs. A
 * job submitted in the last {@link #SUBMIT_GRACE_MILLIS} that the cluster does not list yet counts
 * as running, so a burst of statements cannot slip past the limit.
 */
public final class JobTracker {
    static final long SUBMIT_GRACE_MILLIS = 60_000;

    private record Started(String owner, long atMillis) {}

    private final Map<JobID, Started> jobs = new ConcurrentHashMap<>();
    private final Supplier<Collection<JobStatusMessage>> clusterJobs;

    /** {@code clusterJobs}: the cluster's job list (the JobManager's REST API). */
    public JobTracker(Supplier<Collection<JobStatusMessage>> clusterJobs) {
        this.clusterJobs = clusterJobs;
    }

    public void started(JobID id, String owner, long nowMillis) {
        jobs.putIfAbsent(id, new Started(owner, nowMillis));
    }

    public void forget(JobID id) {
        jobs.remove(id);
    }

    public boolean owns(String owner, String jobId) {
        try {
            Started s = jobs.get(JobID.fromHexString(jobId.trim()));
            return s != null && s.owner().equals(owner);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Jobs of {@code owner} that run (or were just submitted); finished ones are forgotten. */
    public int running(String owner, long nowMillis) {
        Set<JobID> mine = jobs.entrySet().stream().filter(e -> e.getValue().owner().equals(owner))
                .map(Map.Entry::getKey).collect(Collectors.toSet());
        if (mine.isEmpty()) {
            return 0;
        }
        Map<JobID, Boolean> listed = clusterJobs.get().stream()
                .collect(Collectors.toMap(JobStatusMessage::getJobId, j -> !j.getJobState().isGloballyTerminalState(), (a, b) -> a));
        int n = 0;
        for (JobID id : mine) {
            Boolean runs = listed.get(id);
            if (Boolean.TRUE.equals(runs) || (runs == null && nowMillis - jobs.get(id).atMillis() < SUBMIT_GRACE_MILLIS)) {
                n++;
            } else if (Boolean.FALSE.equals(runs)) {
                jobs.remove(id); // finished, failed or cancelled: no longer counts
            }
        }
        return n;
    }

    /** The JobManager's job list through Flink's REST client (TLS options of the gateway's config apply). */
    public static Supplier<Collection<JobStatusMessage>> fromCluster(org.apache.flink.configuration.Configuration conf) {
        return () -> {
            try (org.apache.flink.client.program.rest.RestClusterClient<org.apache.flink.client.deployment.StandaloneClusterId> c =
                         new org.apache.flink.client.program.rest.RestClusterClient<>(conf,
                                 org.apache.flink.client.deployment.StandaloneClusterId.getInstance())) {
                return c.listJobs().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("cannot list the cluster's jobs to check the running-jobs limit: " + e.getMessage(), e);
            }
        };
    }
}
