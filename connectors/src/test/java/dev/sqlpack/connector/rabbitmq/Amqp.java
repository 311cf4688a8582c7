package dev.sqlpack.connector.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import dev.sqlpack.stack.rabbitmq.RabbitMqServer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A plain amqp-client connection for tests: declare, publish with confirms, read a queue. */
final class Amqp implements AutoCloseable {
    private final Connection connection;
    final Channel channel;

    Amqp(RabbitMqServer server) throws Exception {
        ConnectionFactory f = new ConnectionFactory();
        f.setUri(server.uri());
        connection = f.newConnection("test");
        channel = connection.createChannel();
        channel.confirmSelect();
    }

    /** A durable queue bound to a durable topic exchange with binding key '#', plus its dead-letter queue. */
    void declare(String exchange, String queue, String deadLetterExchange) throws Exception {
        channel.exchangeDeclare(exchange, "topic", true);
        Map<String, Object> args = new java.util.HashMap<>();
        if (deadLetterExchange != null) {
            channel.exchangeDeclare(deadLetterExchange, "fanout", true);
            channel.queueDeclare(queue + ".dead", true, false, false, null);
            channel.queueBind(queue + ".dead", deadLetterExchange, "");
            args.put("x-dead-letter-exchange", deadLetterExchange);
        }
        channel.queueDeclare(queue, true, false, false, args);
        channel.queueBind(queue, exchange, "#");
    }

    void publish(String exchange, String routingKey, String messageId, String body) throws Exception {
        publish(exchange, routingKey, new AMQP.BasicProperties.Builder().deliveryMode(2).messageId(messageId).build(),
                body.getBytes(StandardCharsets.UTF_8));
    }

    void publish(String exchange, String routingKey, AMQP.BasicProperties props, byte[] body) throws Exception {
        channel.basicPublish(exchange, routingKey, props, body);
        channel.waitForConfirmsOrDie(30_000);
    }

    /** Takes (and acknowledges) every message now in {@code queue}. */
    List<GetResponse> drain(String queue) throws Exception {
        List<GetResponse> out = new ArrayList<>();
        GetResponse r;
        while ((r = channel.basicGet(queue, true)) != null) {
            out.add(r);
        }
        return out;
    }

    long messageCount(String queue) throws Exception {
        return channel.queueDeclarePassive(queue).getMessageCount();
    }

    @Override
    public void close() throws Exception {
        connection.close();
    }
}
