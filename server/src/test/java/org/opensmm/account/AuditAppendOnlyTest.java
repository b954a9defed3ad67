package org.opensmm.account;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opensmm.ledger.Money;
import org.opensmm.testing.TestPanel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The audit log is append-only in the database itself: an UPDATE, DELETE or TRUNCATE is refused and the row stays. */
class AuditAppendOnlyTest {
    static TestPanel panel;

    @BeforeAll static void start() { panel = TestPanel.start(); }

    @AfterAll static void stop() { panel.close(); }

    @Test void an_audit_row_can_be_neither_updated_nor_deleted() {
        var c = panel.customer("0");
        panel.panel.funds.deposit(new Actor.Cli("auditor"), c.id(), Money.parse("5"), "paid by bank");
        var row = Audit.list(panel.panel.db, "cli:auditor", "customer:" + c.id(), 1).getFirst();

        assertThatThrownBy(() -> panel.panel.db.inTransaction(tx -> tx.update("UPDATE audit SET actor = 'cli:someone-else' WHERE id = ?", row.id())))
                .hasStackTraceContaining("the audit log is append-only: UPDATE refused");
        assertThatThrownBy(() -> panel.panel.db.inTransaction(tx -> tx.update("DELETE FROM audit WHERE id = ?", row.id())))
                .hasStackTraceContaining("the audit log is append-only: DELETE refused");
        assertThatThrownBy(() -> panel.panel.db.inTransaction(tx -> tx.update("TRUNCATE audit")))
                .hasStackTraceContaining("the audit log is append-only: TRUNCATE refused");

        assertThat(Audit.list(panel.panel.db, "cli:auditor", "customer:" + c.id(), 1)).containsExactly(row);
        // appending still works
        panel.panel.funds.deposit(new Actor.Cli("auditor"), c.id(), Money.parse("1"), "more");
        assertThat(Audit.list(panel.panel.db, "cli:auditor", "customer:" + c.id(), 10)).hasSize(2);
    }
}
