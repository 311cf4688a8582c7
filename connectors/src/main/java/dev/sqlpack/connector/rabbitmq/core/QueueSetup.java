package dev.sqlpack.connector.rabbitmq.core;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ShutdownSignalException;
import java.io.IOException;
import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeoutException;

/**
 * The queue a source consumes and what to declare around it. {@link #apply} either declares
 * exchange, queue and bindings, or checks that the queue exists and has the expected dead-letter
 * exchange, failing with a message that names the option to fix.
 */
public final class QueueSetup implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String queue;
    private final boolean declare;
    private final String deadLetterExchange;
    private final String exchange;
    private final String exchangeType;
    private final List<String> bindingKeys;

    public QueueSetup(String queue, boolean declare, String deadLetterExchange, String exchange,
            String exchangeType, List<String> bindingKeys) {
        this.queue = queue;
        this.declare = declare;
        this.deadLetterExchange = deadLetterExchange;
        this.exchange = exchange;
        this.exchangeType = exchangeType;
        this.bindingKeys = bindingKeys == null ? List.of() : List.copyOf(bindingKeys);
    }

    public String queue() {
        return queue;
    }

    public boolean hasDeadLetterExchange() {
        return deadLetterExchange != null;
    }

    /** Declares or checks; {@code where} names the broker in messages. */
    public void apply(Connection connection, String where) throws IOException {
        if (declare) {
            declare(connection, where);
        } else {
            check(connection, where);
        }
    }

    private void declare(Connection connection, String where) throws IOException {
        try (Channel ch = connection.createChannel()) {
            if (exchange != null && !exchange.isEmpty()) {
                ch.exchangeDeclare(exchange, exchangeType, true);
            }
            ch.queueDeclare(queue, true, false, false, arguments());
            if (exchange != null && !exchange.isEmpty()) {
                for (String key : bindingKeys) {
                    ch.queueBind(queue, exchange, key);
                }
            }
        } catch (IOException e) {
            throw new IOException("Declaring queue '" + queue + "' at " + where + " failed: " + reason(e)
                    + ". An existing queue keeps its arguments: make 'queue.dead-letter-exchange' match"
                    + " them, or delete the queue.", e);
        } catch (TimeoutException e) {
            throw new IOException("Declaring queue '" + queue + "' at " + where + " timed out", e);
        }
    }

    private void check(Connection connection, String where) throws IOException {
        try (Channel ch = connection.createChannel()) {
            ch.queueDeclarePassive(queue);
        } catch (IOException e) {
            throw new IOException("Queue '" + queue + "' does not exist at " + where + " (" + reason(e)
                    + "). Create it, or set 'queue.declare' = 'true' to declare it.", e);
        } catch (TimeoutException e) {
            throw new IOException("Checking queue '" + queue + "' at " + where + " timed out", e);
        }
        if (deadLetterExchange == null) {
            return;
        }
        // Clients cannot read queue arguments; a declare with the same arguments succeeds only when
        // the existing queue has exactly this dead-letter exchange (else PRECONDITION_FAILED).
        try (Channel ch = connection.createChannel()) {
            ch.queueDeclare(queue, true, false, false, arguments());
        } catch (IOException e) {
            throw new IOException("Queue '" + queue + "' at " + where + " does not have the dead-letter"
                    + " exchange '" + deadLetterExchange + "' given in 'queue.dead-letter-exchange' (" + reason(e)
                    + "). Declare the queue with the argument x-dead-letter-exchange = '" + deadLetterExchange
                    + "', or remove the option.", e);
        } catch (TimeoutException e) {
            throw new IOException("Checking queue '" + queue + "' at " + where + " timed out", e);
        }
    }

    private Map<String, Object> arguments() {
        Map<String, Object> args = new HashMap<>();
        if (deadLetterExchange != null) {
            args.put("x-dead-letter-exchange", deadLetterExchange);
        }
        return args;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QueueSetup q && queue.equals(q.queue) && declare == q.declare
                && Objects.equals(deadLetterExchange, q.deadLetterExchange) && Objects.equals(exchange, q.exchange)
                && Objects.equals(exchangeType, q.exchangeType) && bindingKeys.equals(q.bindingKeys);
    }

    @Override
    public int hashCode() {
        return Objects.hash(queue, declare, deadLetterExchange, exchange, bindingKeys);
    }

    static String reason(IOException e) {
        Throwable c = e.getCause();
        if (c instanceof ShutdownSignalException s && s.getReason() != null) {
            String text = s.getReason().toString();
            int i = text.indexOf("reply-text=");
            return i < 0 ? text : text.substring(i + "reply-text=".length()).replaceFirst(", class-id=.*", "");
        }
        return String.valueOf(e.getMessage());
    }
}
