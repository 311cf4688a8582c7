package dev.sqlpack.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RedactorTest {
    @Test
    void valuesOfSecretOptionsAreMasked() {
        assertThat(Redactor.statement("CREATE TABLE t (a INT) WITH ('connector' = 'jdbc', 'password' = 'hunter2', 'url' = 'u')"))
                .isEqualTo("CREATE TABLE t (a INT) WITH ('connector' = 'jdbc', 'password' = '***', 'url' = 'u')");
        assertThat(Redactor.statement("SET 'properties.sasl.PASSWORD'='it''s'")).isEqualTo("SET 'properties.sasl.PASSWORD'='***'");
        assertThat(Redactor.statement("select * from t /*+ OPTIONS('api-token'='tk') */")).isEqualTo("select * from t /*+ OPTIONS('api-token'='***') */");
        assertThat(Redactor.statement("SET s3.secret-key = abc")).isEqualTo("SET s3.secret-key = ***");
        assertThat(Redactor.statement("SELECT 'password' AS p")).isEqualTo("SELECT 'password' AS p");
        assertThat(Redactor.statement("INSERT INTO t VALUES ('token', 'x')")).isEqualTo("INSERT INTO t VALUES ('token', 'x')");
        assertThat(Redactor.statement("")).isEmpty();
        assertThat(Redactor.statement(null)).isNull();
    }

    @Test
    void secretKeysOfAConfigurationAreMasked() {
        assertThat(Redactor.config(Map.of("security.ssl.rest.keystore-password", "p", "pipeline.name", "n")))
                .containsEntry("security.ssl.rest.keystore-password", "***").containsEntry("pipeline.name", "n");
    }
}
