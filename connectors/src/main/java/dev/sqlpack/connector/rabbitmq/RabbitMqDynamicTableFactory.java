package dev.sqlpack.connector.rabbitmq;

import static dev.sqlpack.connector.rabbitmq.RabbitMqOptions.*;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import dev.sqlpack.connector.rabbitmq.RabbitMqOptions.ParseErrorAction;
import dev.sqlpack.connector.rabbitmq.core.ConnectionSettings;
import dev.sqlpack.connector.rabbitmq.core.Prefetch;
import dev.sqlpack.connector.rabbitmq.core.QueueSetup;
import dev.sqlpack.connector.rabbitmq.core.RabbitMqConnectException;
import dev.sqlpack.connector.rabbitmq.sink.RabbitMqTableSink;
import dev.sqlpack.connector.rabbitmq.source.RabbitMqTableSource;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.catalog.Column;
import org.apache.flink.table.connector.sink.DynamicTableSink;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.factories.DeserializationFormatFactory;
import org.apache.flink.table.factories.DynamicTableSinkFactory;
import org.apache.flink.table.factories.DynamicTableSourceFactory;
import org.apache.flink.table.factories.FactoryUtil;
import org.apache.flink.table.factories.SerializationFormatFactory;

/**
 * {@code 'connector' = 'rabbitmq'}: a queue as a streaming source, an exchange as a sink. Options
 * are checked first; then, at planning time, the broker itself (credentials, queue, exchange),
 * so a typo fails the statement instead of a running job.
 */
public final class RabbitMqDynamicTableFactory implements DynamicTableSourceFactory, DynamicTableSinkFactory {
    public static final String IDENTIFIER = "rabbitmq";

    @Override
    public String factoryIdentifier() {
        return IDENTIFIER;
    }

    @Override
    public Set<ConfigOption<?>> requiredOptions() {
        return Set.of(FactoryUtil.FORMAT);
    }

    @Override
    public Set<ConfigOption<?>> optionalOptions() {
        return Set.of(URI, HOST, PORT, VIRTUAL_HOST, USERNAME, PASSWORD, CONNECTION_TIMEOUT, RECONNECT_TIMEOUT,
                RECONNECT_MAX_BACKOFF, QUEUE, QUEUE_DECLARE, QUEUE_DEAD_LETTER_EXCHANGE, EXCHANGE, EXCHANGE_TYPE,
                EXCHANGE_DECLARE, BINDING_KEYS, DELIVERY_GUARANTEE, ALLOW_MISSING_MESSAGE_ID, REDELIVERY_WINDOW,
                PREFETCH_COUNT, ON_PARSE_ERROR, IDLE_TIMEOUT, SCAN_BOUNDED_IDLE_TIMEOUT, ROUTING_KEY, SINK_MAX_IN_FLIGHT, SINK_CONFIRM_TIMEOUT);
    }

    @Override
    public DynamicTableSource createDynamicTableSource(Context context) {
        FactoryUtil.TableFactoryHelper helper = FactoryUtil.createTableFactoryHelper(this, context);
        var format = helper.discoverDecodingFormat(DeserializationFormatFactory.class, FactoryUtil.FORMAT);
        helper.validate();
        ReadableConfig o = helper.getOptions();
        RabbitMqTableSource.Settings settings = sourceSettings(o);
        checkBroker(settings.connection(), c -> settings.queue().apply(c, settings.connection().redacted()));
        return new RabbitMqTableSource(settings, format,
                context.getCatalogTable().getResolvedSchema().toPhysicalRowDataType());
    }

    @Override
    public DynamicTableSink createDynamicTableSink(Context context) {
        FactoryUtil.TableFactoryHelper helper = FactoryUtil.createTableFactoryHelper(this, context);
        var format = helper.discoverEncodingFormat(SerializationFormatFactory.class, FactoryUtil.FORMAT);
        helper.validate();
        ReadableConfig o = helper.getOptions();
        ConnectionSettings connection = connection(o);
        String exchange = o.getOptional(EXCHANGE).orElse("");
        boolean routingKeyColumn = context.getCatalogTable().getResolvedSchema().getColumns().stream()
                .anyMatch(c -> c instanceof Column.MetadataColumn m
                        && "routing-key".equals(m.getMetadataKey().orElse(c.getName())));
        if (o.getOptional(ROUTING_KEY).isEmpty() && !routingKeyColumn) {
            throw new ValidationException("A RabbitMQ sink needs a routing key: set 'routing-key', or declare a"
                    + " column `rk STRING METADATA FROM 'routing-key'`.");
        }
        positive(SINK_MAX_IN_FLIGHT, o.get(SINK_MAX_IN_FLIGHT));
        positive(SINK_CONFIRM_TIMEOUT, o.get(SINK_CONFIRM_TIMEOUT));
        boolean declare = o.get(EXCHANGE_DECLARE);
        if (!exchange.isEmpty()) {
            checkBroker(connection, c -> {
                try (Channel ch = c.createChannel()) {
                    if (declare) {
                        ch.exchangeDeclare(exchange, o.get(EXCHANGE_TYPE), true);
                    } else {
                        ch.exchangeDeclarePassive(exchange);
                    }
                } catch (IOException e) {
                    throw new IOException("Exchange '" + exchange + "' does not exist at " + connection.redacted()
                            + ". Create it, or set 'exchange.declare' = 'true'.", e);
                } catch (TimeoutException e) {
                    throw new IOException("Checking exchange '" + exchange + "' timed out", e);
                }
            });
        }
        return new RabbitMqTableSink(
                new RabbitMqTableSink.Settings(connection, exchange, o.getOptional(ROUTING_KEY).orElse(null),
                        o.get(SINK_MAX_IN_FLIGHT), o.get(SINK_CONFIRM_TIMEOUT)),
                format, context.getCatalogTable().getResolvedSchema().toPhysicalRowDataType());
    }

    static RabbitMqTableSource.Settings sourceSettings(ReadableConfig o) {
        ConnectionSettings connection = connection(o);
        String queue = o.getOptional(QUEUE).orElseThrow(() -> new ValidationException(
                "'queue' is required for a RabbitMQ source: the name of the queue to consume."));
        if (queue.isBlank()) {
            throw new ValidationException("'queue' must not be blank.");
        }
        int prefetch = o.get(PREFETCH_COUNT);
        if (prefetch < 1 || prefetch > Prefetch.MAX) {
            throw new ValidationException("'prefetch-count' must be between 1 and " + Prefetch.MAX + ", but was '"
                    + prefetch + "'.");
        }
        boolean declare = o.get(QUEUE_DECLARE);
        String exchange = o.getOptional(EXCHANGE).orElse(null);
        List<String> keys = o.getOptional(BINDING_KEYS).orElse(List.of());
        if (exchange != null && !declare) {
            throw new ValidationException("'exchange' = '" + exchange + "' binds the queue only when it is declared:"
                    + " set 'queue.declare' = 'true', or remove 'exchange' and bind the queue yourself.");
        }
        if (exchange != null && keys.isEmpty()) {
            throw new ValidationException("'exchange' = '" + exchange + "' needs 'binding-keys', e.g. 'order.*'"
                    + " (use '#' for everything on a topic exchange).");
        }
        if (exchange == null && !keys.isEmpty()) {
            throw new ValidationException("'binding-keys' needs 'exchange': the exchange to bind queue '" + queue
                    + "' to.");
        }
        String dlx = o.getOptional(QUEUE_DEAD_LETTER_EXCHANGE).orElse(null);
        ParseErrorAction onParseError = o.getOptional(ON_PARSE_ERROR)
                .orElse(dlx != null ? ParseErrorAction.DEAD_LETTER : ParseErrorAction.FAIL);
        if (onParseError == ParseErrorAction.DEAD_LETTER && dlx == null) {
            throw new ValidationException("'on-parse-error' = 'dead-letter' needs 'queue.dead-letter-exchange': the"
                    + " dead-letter exchange of queue '" + queue + "'. Without one, choose 'fail' or 'skip'.");
        }
        Duration window = o.get(REDELIVERY_WINDOW);
        positive(REDELIVERY_WINDOW, window);
        Duration idle = o.get(IDLE_TIMEOUT);
        if (idle.isNegative()) {
            throw new ValidationException("'scan.watermark.idle-timeout' must not be negative, but was '" + idle + "'.");
        }
        Duration bounded = o.getOptional(SCAN_BOUNDED_IDLE_TIMEOUT).orElse(null);
        if (bounded != null) {
            positive(SCAN_BOUNDED_IDLE_TIMEOUT, bounded);
        }
        return new RabbitMqTableSource.Settings(connection,
                new QueueSetup(queue, declare, dlx, exchange, o.get(EXCHANGE_TYPE), keys),
                o.get(DELIVERY_GUARANTEE), o.get(ALLOW_MISSING_MESSAGE_ID), window, prefetch, onParseError, idle,
                bounded);
    }

    static ConnectionSettings connection(ReadableConfig o) {
        var uri = o.getOptional(URI);
        var host = o.getOptional(HOST);
        if (uri.isPresent() && host.isPresent()) {
            throw new ValidationException("Set either 'uri' or 'host', not both (got 'uri' and 'host' = '"
                    + host.get() + "'). Keep 'uri' alone, or replace it by 'host', 'port', 'virtual-host',"
                    + " 'username' and 'password'.");
        }
        if (uri.isEmpty() && host.isEmpty()) {
            throw new ValidationException("The RabbitMQ broker is not set: set 'uri' (e.g."
                    + " 'amqp://guest:guest@127.0.0.1:5672/%2F') or 'host'.");
        }
        Duration connectTimeout = o.get(CONNECTION_TIMEOUT);
        Duration reconnectTimeout = o.get(RECONNECT_TIMEOUT);
        Duration maxBackoff = o.get(RECONNECT_MAX_BACKOFF);
        positive(CONNECTION_TIMEOUT, connectTimeout);
        positive(RECONNECT_TIMEOUT, reconnectTimeout);
        positive(RECONNECT_MAX_BACKOFF, maxBackoff);
        ConnectionSettings settings;
        if (uri.isPresent()) {
            for (ConfigOption<?> hostOnly : List.of(PORT, VIRTUAL_HOST, USERNAME, PASSWORD)) {
                if (o.getOptional(hostOnly).isPresent()) {
                    throw new ValidationException("'" + hostOnly.key() + "' applies with 'host' only; with 'uri',"
                            + " put it into the URI (amqp://user:password@host:port/virtual-host).");
                }
            }
            settings = ConnectionSettings.ofUri(uri.get(), connectTimeout, reconnectTimeout, maxBackoff);
        } else {
            int port = o.get(PORT);
            if (port < 1 || port > 65535) {
                throw new ValidationException("'port' must be between 1 and 65535, but was '" + port + "'.");
            }
            settings = ConnectionSettings.ofHost(host.get(), port, o.get(VIRTUAL_HOST), o.get(USERNAME),
                    o.get(PASSWORD), connectTimeout, reconnectTimeout, maxBackoff);
        }
        try {
            settings.factory();
        } catch (IllegalArgumentException e) {
            throw new ValidationException(e.getMessage(), e);
        }
        return settings;
    }

    private static void positive(ConfigOption<?> option, Object value) {
        boolean ok = value instanceof Duration d ? !d.isNegative() && !d.isZero() : ((Integer) value) > 0;
        if (!ok) {
            throw new ValidationException("'" + option.key() + "' must be positive, but was '" + value + "'.");
        }
    }

    private interface BrokerCheck {
        void run(Connection connection) throws IOException;
    }

    private static void checkBroker(ConnectionSettings settings, BrokerCheck check) {
        try (Connection c = settings.connect("flink-sql-planner")) {
            check.run(c);
        } catch (RabbitMqConnectException e) {
            throw new ValidationException(e.getMessage(), e);
        } catch (IOException e) {
            throw new ValidationException(e.getMessage(), e);
        }
    }
}
