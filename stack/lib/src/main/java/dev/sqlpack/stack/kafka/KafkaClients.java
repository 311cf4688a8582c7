package dev.sqlpack.stack.kafka;

import dev.sqlpack.stack.process.Poll;
import java.time.Duration;
import java.util.Collection;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The one place that sets up Kafka clients for the local broker: an admin client, a String
 * producer and consumer, and the topic chores (create, delete and wait until gone) that the
 * stack, the recipes and the tests share.
 */
public final class KafkaClients {
    /** How long one admin call may take before it fails naming the broker. */
    public static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

    private KafkaClients() {}

    /** An admin client whose requests give up after {@code requestTimeout}. */
    public static Admin admin(String bootstrap, Duration requestTimeout) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) requestTimeout.toMillis());
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) requestTimeout.toMillis());
        return Admin.create(p);
    }

    public static Admin admin(String bootstrap) {
        return admin(bootstrap, ADMIN_TIMEOUT);
    }

    /** A producer of String keys and values; {@code linger.ms} 20 so that a steady stream is batched. */
    public static KafkaProducer<String, String> producer(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    /**
     * A consumer of String keys and values in {@code group} that starts at the earliest offset,
     * sees committed transactional records only and never commits by itself.
     */
    public static KafkaConsumer<String, String> consumer(String bootstrap, String group) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
    }

    /** Creates {@code topics}; fails naming them and the broker when Kafka refuses. */
    public static void createTopics(String bootstrap, Collection<NewTopic> topics) {
        if (topics.isEmpty()) {
            return;
        }
        try (Admin admin = admin(bootstrap)) {
            await(admin.createTopics(topics).all(), "create topics "
                    + topics.stream().map(NewTopic::name).toList() + " on " + bootstrap);
        }
    }

    /** Names of the topics on the broker that {@code which} accepts. */
    public static Set<String> topics(String bootstrap, Predicate<String> which) {
        try (Admin admin = admin(bootstrap)) {
            return names(admin, which, bootstrap);
        }
    }

    /** Deletes {@code topics} and waits until the broker no longer lists them. */
    public static void deleteTopics(String bootstrap, Set<String> topics) {
        if (topics.isEmpty()) {
            return;
        }
        String what = "delete topics " + topics + " on " + bootstrap;
        try (Admin admin = admin(bootstrap)) {
            await(admin.deleteTopics(topics).all(), what);
            // deletion is asynchronous on the broker: a topic of the same name created right away
            // could otherwise still hold the old records
            if (!Poll.within("topics " + topics + " to disappear from " + bootstrap, ADMIN_TIMEOUT,
                    Duration.ofMillis(200), () -> names(admin, topics::contains, bootstrap).isEmpty())) {
                throw new IllegalStateException("Could not " + what + ": still listed after "
                        + Poll.describe(ADMIN_TIMEOUT));
            }
        }
    }

    private static Set<String> names(Admin admin, Predicate<String> which, String bootstrap) {
        Set<String> all = await(admin.listTopics().names(), "list the topics on " + bootstrap);
        return all.stream().filter(which).collect(Collectors.toSet());
    }

    private static <T> T await(org.apache.kafka.common.KafkaFuture<T> future, String what) {
        try {
            return future.get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while trying to " + what, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not " + what + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Could not " + what + " within " + ADMIN_TIMEOUT, e);
        }
    }
}
