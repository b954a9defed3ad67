package org.opensmm.ops;

import org.junit.jupiter.api.Test;
import org.opensmm.app.Config;
import org.opensmm.testing.TestDb;
import org.opensmm.testing.TestPanel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opensmm.ops.MetricsTest.get;

/** What load balancers ask: is the process up, can this node do its work. */
class HealthTest {
    @Test void a_running_panel_is_live_and_ready_and_not_ready_once_its_workers_stop() {
        try (var panel = TestPanel.start(c -> c)) {
            var live = get(panel, "/health/live");
            assertThat(live.status()).isEqualTo(200);
            assertThat(live.json().get("status").asText()).isEqualTo("up");

            var ready = get(panel, "/health/ready");
            assertThat(ready.status()).as(ready.body()).isEqualTo(200);
            assertThat(ready.json().get("status").asText()).isEqualTo("ready");
            assertThat(ready.json().get("database").asText()).isEqualTo("ok");
            assertThat(ready.json().get("migrations").asText()).startsWith("current (");
            assertThat(ready.json().get("workers").asText()).isEqualTo("running");
            assertThat(get(panel, "/health").body()).isEqualTo("{\"status\":\"ok\"}"); // unchanged

            panel.panel.fulfilment.close();
            var stopped = get(panel, "/health/ready");
            assertThat(stopped.status()).isEqualTo(503);
            assertThat(stopped.json().get("workers").asText()).isEqualTo("stopped");
        }
    }

    @Test void an_api_only_node_is_ready_without_workers() {
        try (var panel = TestPanel.start(c -> c.withWorkers(new Config.Workers(false, 1000, 60_000, 20_000)))) {
            var ready = get(panel, "/health/ready");
            assertThat(ready.status()).isEqualTo(200);
            assertThat(ready.json().get("workers").asText()).isEqualTo("off");
        }
    }

    @Test void a_database_migrated_past_this_build_is_not_ready() {
        try (var panel = TestPanel.start(c -> c)) {
            panel.panel.db.inTransaction(tx -> tx.update("""
                    INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum, installed_by, execution_time, success)
                    VALUES (999, '999', 'from a newer build', 'SQL', 'V999__newer.sql', 0, 'test', 0, TRUE)"""));
            var ready = get(panel, "/health/ready");
            assertThat(ready.status()).isEqualTo(503);
            assertThat(ready.json().get("migrations").asText()).contains("database at 999");
        }
    }

    @Test void a_node_whose_database_is_gone_is_live_but_not_ready_and_says_why() {
        try (var panel = TestPanel.start(c -> c.withWorkers(new Config.Workers(false, 1000, 60_000, 20_000)))) {
            assertThat(get(panel, "/health/ready").status()).isEqualTo(200);
            TestDb.drop(panel.panel.config.dbUrl()); // ends the pool's connections; new ones are refused

            var ready = get(panel, "/health/ready");
            assertThat(ready.status()).as(ready.body()).isEqualTo(503);
            assertThat(ready.contentType()).startsWith("application/json");
            assertThat(ready.json().get("status").asText()).isEqualTo("not ready");
            assertThat(ready.json().get("database").asText()).startsWith("unreachable: ")
                    .doesNotContain("Connection is not available"); // the driver's reason, not the pool's wait
            assertThat(ready.json().get("migrations").asText()).isEqualTo("unknown");
            assertThat(ready.body()).doesNotContain("Exception", "\tat ");
            assertThat(get(panel, "/health/live").status()).as("the process still answers").isEqualTo(200);
        }
    }
}
