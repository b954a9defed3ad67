package org.opensmm.app;

import org.opensmm.account.Customer;
import org.opensmm.ledger.Money;
import org.opensmm.order.Order;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Cancel requests a customer made for orders already sent upstream: the operator accepts or rejects each. */
@Command(name = "cancel", description = "List stored cancel requests; accept (full refund) or reject them.",
        subcommands = {CancelCommand.ListRequests.class, CancelCommand.Accept.class, CancelCommand.Reject.class})
final class CancelCommand extends CommandGroup {

    @Command(name = "list", description = "Orders with a cancel request waiting for an answer.")
    static final class ListRequests extends OperatorCommand {
        @Override int run() {
            var table = new Table("ORDER", "CUSTOMER", "SERVICE", "STATUS", "CHARGE", "STAGE", "PROVIDER", "PROVIDER ORDER", "UPDATED");
            for (Order o : panel.orders.cancelRequests()) {
                table.row(o.id(), o.customerId(), o.serviceId(), o.status().wire(), o.charge(), o.stage(), o.providerId(),
                        o.externalId(), time(o.updatedAt()));
            }
            if (table.isEmpty()) out.println("No cancel requests.");
            else table.print(out);
            return 0;
        }
    }

    @Command(name = "accept", description = "Cancel the order with a full refund.")
    static final class Accept extends OperatorCommand {
        @Parameters(paramLabel = "ORDER_ID") long id;

        @Override int run() {
            Order after = panel.orders.acceptCancel(operator, id);
            Money refund = after.refunded(); // an order with a cancel request is unfinished: nothing was refunded before
            Customer c = panel.accounts.find(after.customerId()).orElseThrow();
            out.println("Order " + id + " canceled: refunded " + refund + " to " + describe(c) + ", balance now " + c.balance() + ".");
            if (after.externalId() != null) {
                out.println("Note: it was sent upstream as order " + after.externalId() + " (provider " + after.providerId()
                        + "); cancel it there too if the provider has not.");
            }
            return 0;
        }
    }

    @Command(name = "reject", description = "Keep the order running; the customer may ask again.")
    static final class Reject extends OperatorCommand {
        @Parameters(paramLabel = "ORDER_ID") long id;

        @Override int run() {
            Order after = panel.orders.rejectCancel(operator, id);
            out.println("Cancel request for order " + id + " rejected; the order stays " + after.status().wire() + ".");
            return 0;
        }
    }
}
