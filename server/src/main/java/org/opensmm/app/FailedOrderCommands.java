package org.opensmm.app;

import org.opensmm.order.Order;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The operator's review of orders in Fail: an add whose outcome is unknown or that the provider refused. Nothing here
 * runs by itself: resending an order that does exist upstream would pay for it twice.
 */
final class FailedOrderCommands {
    private FailedOrderCommands() {}

    @Command(name = "failed", description = "Orders waiting for you: their add got no reply or was refused upstream.")
    static final class Failed extends OperatorCommand {
        @Option(names = "--limit", defaultValue = "100") int limit;

        @Override int run() {
            var table = new Table("ORDER", "CUSTOMER", "SERVICE", "PROVIDER", "LINK", "CHARGE", "ERROR");
            for (Order o : panel.review.failed(limit)) {
                table.row(o.id(), o.customerId(), o.serviceId(), o.providerId(), o.link(), o.charge(), o.providerError());
            }
            if (table.isEmpty()) out.println("No failed orders.");
            else table.print(out);
            return 0;
        }
    }

    @Command(name = "resend", description = "Send a failed order again. Only after checking the provider does not have it.")
    static final class Resend extends OperatorCommand {
        @Parameters(paramLabel = "ORDER_ID") long id;

        @Override int run() {
            panel.review.resend(operator, id);
            out.println("Order " + id + " will be sent again on the next tick of the running panel.");
            return 0;
        }
    }

    @Command(name = "attach", description = "You found a failed order at the provider: record its upstream id; it is synced from now on.")
    static final class Attach extends OperatorCommand {
        @Parameters(index = "0", paramLabel = "ORDER_ID") long id;
        @Parameters(index = "1", paramLabel = "UPSTREAM_ORDER_ID") long external;

        @Override int run() {
            panel.review.attach(operator, id, external);
            out.println("Order " + id + " is upstream order " + external + "; its status follows the provider's.");
            return 0;
        }
    }

    @Command(name = "fail-refund", description = "Cancel a failed order and refund its charge to the customer.")
    static final class Refund extends OperatorCommand {
        @Parameters(paramLabel = "ORDER_ID") long id;

        @Override int run() {
            Order o = panel.review.refund(operator, id);
            out.println("Order " + id + " canceled; " + o.refunded() + " refunded to customer " + o.customerId() + ".");
            return 0;
        }
    }
}
