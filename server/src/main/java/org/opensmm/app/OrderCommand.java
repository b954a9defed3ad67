package org.opensmm.app;

import org.opensmm.account.Customer;
import org.opensmm.catalog.ServiceType;
import org.opensmm.ledger.Money;
import org.opensmm.order.Order;
import org.opensmm.order.OrderService.StatusChange;
import org.opensmm.order.Status;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Orders as the operator sees them: every field, and status changes with their refunds. */
@Command(name = "order", description = "List and show orders; set an order's status (Partial and Canceled refund once).",
        subcommands = {OrderCommand.ListOrders.class, OrderCommand.Show.class, OrderCommand.SetStatus.class, OrderCommand.Post.class,
                OrderCommand.Stuck.class})
final class OrderCommand extends CommandGroup {
    @Command(name = "list", description = "Latest orders first.")
    static final class ListOrders extends OperatorCommand {
        @Option(names = "--customer", paramLabel = "CUSTOMER", description = "Only this customer's: " + CUSTOMER) String who;
        @Option(names = "--status", paramLabel = "STATUS", description = "Only orders in this status, e.g. Pending, \"In progress\", Partial.")
        String statusText;
        @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "At most N orders (default ${DEFAULT-VALUE}).")
        int limit;

        @Override int run() {
            if (limit < 1) throw new IllegalArgumentException("--limit must be at least 1");
            Status status = statusText == null ? null : status(statusText);
            Long customer = who == null ? null : customer(who).id();
            List<Order> orders = panel.orders.recent(customer, status, limit);
            Map<Long, String> names = panel.accounts.list().stream().collect(Collectors.toMap(Customer::id, Customer::name));
            var table = new Table("ID", "CREATED", "CUSTOMER", "SERVICE", "TYPE", "QUANTITY", "CHARGE", "STATUS", "REMAINS", "STAGE", "LINK");
            for (Order o : orders) {
                table.row(o.id(), time(o.createdAt()), names.get(o.customerId()), o.serviceId(), o.type().wire(), o.quantity(),
                        o.finalCharge(), o.status().wire() + (o.cancelState() == null ? "" : " (cancel " + o.cancelState().name().toLowerCase() + ")"),
                        o.remains(), o.stage(), o.link());
            }
            if (table.isEmpty()) out.println("No orders match.");
            else table.print(out);
            if (orders.size() == limit) out.println("(the latest " + limit + "; see more with --limit)");
            return 0;
        }
    }

    @Command(name = "stuck", description = "Orders at a provider still Pending long after they were placed: the provider may have failed them silently.")
    static final class Stuck extends OperatorCommand {
        @Option(names = "--after", paramLabel = "DURATION", defaultValue = "6h",
                description = "Pending longer than this, e.g. 90m, 6h, 2d (default ${DEFAULT-VALUE}).") String after;
        @Option(names = "--limit", paramLabel = "N", defaultValue = "100") int limit;

        @Override int run() {
            java.time.Duration longer = duration(after);
            var table = new Table("ORDER", "CREATED", "CUSTOMER", "SERVICE", "PROVIDER", "UPSTREAM", "QUANTITY", "LINK");
            for (Order o : panel.orders.stuck(longer, limit)) {
                table.row(o.id(), time(o.createdAt()), o.customerId(), o.serviceId(), o.providerId(), o.externalId(), o.quantity(), o.link());
            }
            if (table.isEmpty()) {
                out.println("No order has been Pending upstream for more than " + after + ".");
                return 0;
            }
            table.print(out);
            out.println("Check them at the provider; then cancel (order set-status ID Canceled) or settle them.");
            return 0;
        }

        /** "90m", "6h", "2d", or plain minutes. */
        static java.time.Duration duration(String text) {
            var m = java.util.regex.Pattern.compile("(\\d{1,6})\\s*([mhd]?)").matcher(text.strip().toLowerCase(java.util.Locale.ROOT));
            if (!m.matches()) throw new IllegalArgumentException("bad duration '" + text + "': write it like 90m, 6h or 2d");
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "h" -> java.time.Duration.ofHours(n);
                case "d" -> java.time.Duration.ofDays(n);
                default -> java.time.Duration.ofMinutes(n);
            };
        }
    }

    @Command(name = "show", description = "Every field of one order.")
    static final class Show extends OperatorCommand {
        @Parameters(paramLabel = "ORDER_ID") long id;

        @Override int run() {
            Order o = order(id);
            Customer c = panel.accounts.find(o.customerId()).orElseThrow();
            var f = new Table.Fields()
                    .add("id", o.id())
                    .add("customer", c.id() + " '" + c.name() + "'")
                    .add("service", o.serviceId() + panel.catalog.find(o.serviceId()).map(s -> " '" + s.name() + "'").orElse(""))
                    .add("type", o.type().wire())
                    .add("parent order", o.parentId())
                    .add("link", o.link())
                    .add("quantity", o.quantity())
                    .add("drip-feed", o.dripFeed() ? o.runs() + " runs, every " + o.interval() + " minutes" : "no");
            f.add("fields", o.fields().isEmpty() ? "none" : "as given at add, forwarded upstream as they are:");
            o.fields().forEach((k, v) -> f.add("  " + k, v));
            f.add("rate", o.rate())
                    .add("charge", o.charge())
                    .add("refunded", o.refunded())
                    .add("final charge", o.finalCharge());
            if (o.type() == ServiceType.SUBSCRIPTIONS) {
                Money posts = panel.orders.status(o.customerId(), o.id()).map(v -> v.charge()).orElse(Money.ZERO);
                f.add("posts charged", posts);
            }
            f.add("status", o.status().wire())
                    .add("start count", o.startCount())
                    .add("remains", o.remains())
                    .add("cancel request", o.cancelState() == null ? "none" : o.cancelState().name().toLowerCase())
                    .add("stage", o.stage())
                    .add("provider", o.providerId())
                    .add("provider order", o.externalId())
                    .add("provider error", o.providerError())
                    .add("created", time(o.createdAt()))
                    .add("updated", time(o.updatedAt()))
                    .add("completed", time(o.completedAt()))
                    .print(out);
            return 0;
        }
    }

    @Command(name = "set-status", description = "Move an order to STATUS. Partial refunds the undelivered share and "
            + "Canceled the whole charge, once; a finished order cannot change.")
    static final class SetStatus extends OperatorCommand {
        @Parameters(index = "0", paramLabel = "ORDER_ID") long id;
        @Parameters(index = "1", paramLabel = "STATUS", description = "Pending, \"In progress\", Processing, Completed, Partial, Canceled, …")
        String statusText;
        @Option(names = "--start-count", paramLabel = "N", description = "The counter when delivery started.") Long startCount;
        @Option(names = "--remains", paramLabel = "N", description = "Undelivered units; more than 0 for Partial. Default: the order's remains.")
        Long remains;

        @Override int run() {
            switch (panel.orders.setStatus(operator, id, status(statusText), startCount, remains)) {
                case StatusChange.Unchanged u -> out.println("Order " + id + " is already " + u.order().status().wire()
                        + ": nothing changed, nothing refunded again (refunded " + u.order().refunded() + " before).");
                case StatusChange.CancelForwarded f -> out.println("Order " + id + " is upstream order " + f.order().externalId()
                        + " at provider " + f.order().providerId() + ": cancel forwarded there. It turns Canceled with a full refund"
                        + " when the provider confirms; if it refuses, `order show " + id + "` says why. Nothing refunded yet.");
                case StatusChange.Changed c -> {
                    Order after = c.after();
                    out.println("Order " + id + ": " + c.before().status().wire() + " -> " + after.status().wire() + ", remains "
                            + after.remains() + " of " + after.quantity() + ", start count " + after.startCount());
                    if (c.refund().isZero()) {
                        out.println("No refund.");
                    } else {
                        Customer owner = panel.accounts.find(after.customerId()).orElseThrow();
                        out.println("Refunded " + c.refund() + " to " + describe(owner) + ", balance now " + owner.balance()
                                + "; final charge " + after.finalCharge() + ".");
                    }
                }
            }
            return 0;
        }
    }

    @Command(name = "post", description = "A new post of an Active subscription: a child order of QUANTITY units, charged now at the"
            + " subscription's rate. If the customer cannot pay, the subscription ends (Completed).")
    static final class Post extends OperatorCommand {
        @Parameters(index = "0", paramLabel = "SUBSCRIPTION_ID") long id;
        @Parameters(index = "1", paramLabel = "QUANTITY") long quantity;

        @Override int run() {
            var post = panel.subscriptions.post(operator, id, quantity);
            if (post.isEmpty()) {
                out.println("The customer cannot pay for this post: subscription " + id + " has ended (Completed); nothing charged.");
                return 1;
            }
            Order o = post.get();
            out.println("Post " + o.id() + " of subscription " + id + ": " + o.quantity() + " units, charged " + o.charge() + ".");
            return 0;
        }
    }
}
