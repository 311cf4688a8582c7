package dev.sqlpack.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sqlpack.stack.kafka.KafkaBroker;
import dev.sqlpack.stack.kafka.KafkaClients;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The test kit's broker and the one Kafka client setup, against each other. */
class TestKafkaITCase {
    @TempDir Path tmp;

    @Test
    void createsWritesReadsAndDeletesTopicsOnARealBroker() throws Exception {
        try (KafkaBroker kafka = TestKafka.start(tmp.resolve("kafka"))) {
            String bootstrap = kafka.bootstrapServers();
            KafkaClients.createTopics(bootstrap, List.of(new NewTopic("kit-a", 2, (short) 1),
                    new NewTopic("kit-b", 1, (short) 1), new NewTopic("other", 1, (short) 1)));
            assertThat(KafkaClients.topics(bootstrap, t -> t.startsWith("kit-"))).containsExactlyInAnyOrder("kit-a", "kit-b");

            try (KafkaProducer<String, String> producer = KafkaClients.producer(bootstrap)) {
                for (String v : List.of("één", "two", "")) {
                    producer.send(new ProducerRecord<>("kit-a", v, v)).get();
                }
            }
            List<String> values = new ArrayList<>();
            try (KafkaConsumer<String, String> consumer = KafkaClients.consumer(bootstrap, "kit-test")) {
                consumer.subscribe(List.of("kit-a"));
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (values.size() < 3 && System.nanoTime() < deadline) {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                        values.add(r.value());
                    }
                }
            }
            assertThat(values).containsExactlyInAnyOrder("één", "two", "");

            KafkaClients.deleteTopics(bootstrap, Set.of("kit-a", "kit-b"));
            assertThat(KafkaClients.topics(bootstrap, t -> true)).contains("other").doesNotContain("kit-a", "kit-b");
        }
    }

}
