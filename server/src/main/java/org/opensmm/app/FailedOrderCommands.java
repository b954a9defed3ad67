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
            boolean lost = false;
            for (Order o : panel.review.failed(limit)) {
                table.row(o.id(), o.customerId(), o.serviceId(), o.providerId(), o.link(), o.charge(), o.providerError());
                lost |= o.externalId() == null && o.providerId() != null;
            }
            if (table.isEmpty()) out.println("No failed orders.");
            else table.print(out);
            if (lost) out.println("An add with no reply may exist upstream: opensmm provider find ORDER looks for it (one status request).");
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

    @Command(name = "find", description = "Look for the upstream order a failed add may have created; --attach takes the one clear match.")
    static final class Find extends OperatorCommand {
        @Parameters(paramLabel = "ORDER_ID") long id;
        @Option(names = "--ids", paramLabel = "LIST", split = ",",
                description = "Upstream ids to ask about (e.g. 1001,1002); default: those between the ids of our adds around it.")
        java.util.List<Long> ids;
        @Option(names = "--attach", description = "Attach the order to the single candidate whose charge matches.") boolean attach;

        @Override int run() {
            if (attach) {
                Order o = panel.lostAdds.attachBest(operator, id, ids);
                out.println("Order " + id + " is upstream order " + o.externalId() + "; its status follows the provider's.");
                return 0;
            }
            var found = panel.lostAdds.find(operator, id, ids);
            if (found.asked().isEmpty()) {
                out.println("No upstream ids to ask about: none of our other orders at provider " + found.order().providerId()
                        + " gives a landmark. Give some with --ids.");
                return 1;
            }
            var table = new Table("UPSTREAM", "STATUS", "CHARGE", "REMAINS", "CHARGE MATCHES");
            for (var c : found.candidates()) {
                table.row(c.upstreamId(), c.status(), c.charge() == null ? "" : c.charge().toPlainString(), c.remains(),
                        c.chargeMatches() == null ? "unknown" : yesNo(c.chargeMatches()));
            }
            out.println("Asked provider " + found.order().providerId() + " about " + found.asked().size() + " upstream id(s) no order of ours holds"
                    + (found.expectedCharge() == null ? "" : "; this order should cost about " + found.expectedCharge() + " there") + ".");
            if (table.isEmpty()) {
                out.println("None of them is ours there: the add most likely created nothing; resend or fail-refund it.");
                return 0;
            }
            table.print(out);
            found.best().ifPresentOrElse(
                    c -> out.println("Attach it: opensmm provider find " + id + " --attach   (or: opensmm provider attach " + id + " " + c.upstreamId() + ")"),
                    () -> out.println("More than one could be it: check at the provider, then opensmm provider attach " + id + " UPSTREAM_ID"));
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
