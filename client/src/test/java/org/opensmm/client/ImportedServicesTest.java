package org.opensmm.client;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Importing a services list the way panels do: "dripfeed" and "desc" read when sent, harmless when not. */
class ImportedServicesTest {

    @Test void dripfeed_and_desc_are_read_as_panels_send_them() {
        try (var panel = FakePanel.start().reply("services", 200, "text/html; charset=UTF-8", """

                [
                    {"service": "1", "name": "Followers", "type": "Default", "category": "IG", "rate": "0.90", "min": "50",
                     "max": "10000", "refill": true, "cancel": true, "dripfeed": true, "desc": "Real followers"},
                    {"service": 2, "name": "Likes", "type": "Default", "category": "IG", "rate": 0.5, "min": 10, "max": 100,
                     "refill": false, "dripfeed": "0", "desc": null},
                    {"service": 3, "name": "Views", "type": "Default", "category": "IG", "rate": "0.01", "min": "1", "max": "5"}
                ]""");
             var client = panel.client()) {
            List<ServiceInfo> services = client.services().orElseThrow();

            assertThat(services).extracting(ServiceInfo::dripFeed).containsExactly(true, false, null);
            assertThat(services).extracting(ServiceInfo::desc).containsExactly("Real followers", "", "");
            assertThat(services.get(1).cancel()).isFalse();
        }
    }

    @Test void refunded_and_refund_read_as_canceled() {
        assertThat(Status.parse("Refunded")).isEqualTo(Status.CANCELED);
        assertThat(Status.parse("refund")).isEqualTo(Status.CANCELED);
        assertThat(Status.parse("Refunding soon")).isEqualTo(Status.UNKNOWN);
    }
}
