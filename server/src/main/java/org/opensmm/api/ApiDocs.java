package org.opensmm.api;

import org.opensmm.catalog.Rate;
import org.opensmm.catalog.Service;
import org.opensmm.catalog.ServiceType;
import org.opensmm.core.Reason;
import org.opensmm.core.Reason.Fixed;
import org.opensmm.core.Refusal;
import org.opensmm.ledger.Money;
import org.opensmm.order.OrderService;
import org.opensmm.order.Refills;
import org.opensmm.order.Status;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * API v2 as the website's /api page documents it, written by the code that serves it: each example reply is what
 * {@link ApiV2}'s own reply writer makes of sample values, and each error is {@link ErrorText}'s. A reply that changes
 * shape changes its documentation; a test holds each example to the keys of a real call.
 */
public final class ApiDocs {
    private ApiDocs() {}

    /** One action: its fields besides key and action ("a|b": one or the other), and example calls. */
    public record Action(String action, List<String> params, List<Example> examples) {}

    /** The fields of one example call (besides key and action) and the reply to it. */
    public record Example(String request, String reply) {}

    private static final Service SAMPLE = new Service(1, "Followers", ServiceType.DEFAULT, "Instagram", Rate.parse("0.9"), 50,
            10_000, true, true, true, 30, 0, Set.of(), true, "Real-looking accounts, 1k a day");
    private static final OrderService.View ORDER = new OrderService.View(23501, Status.PARTIAL, 3572, 157, Money.parse("0.9"));
    private static final Refills.Refill REFILL = new Refills.Refill(1, 23501, 1, Refills.State.COMPLETED, null, null, null, 0, 0);

    /** Every action {@link ApiV2#handle} answers, in its order, with the replies in the panel's {@code currency}. */
    public static List<Action> actions(String currency) {
        return List.of(
                new Action("services", List.of(), List.of(new Example("", ApiV2.services(List.of(SAMPLE))))),
                new Action("add", List.of("service", "…"), List.of(new Example("service=1&link=…&quantity=100", ApiV2.added(23501)))),
                new Action("status", List.of("order|orders"), List.of(
                        new Example("order=23501", ApiV2.orderStatus(new Json(), ORDER, currency).toString()),
                        new Example("orders=23501,9", ApiV2.statuses(List.of("23501", "9"), Map.of(23501L, ORDER), currency)))),
                new Action("refill", List.of("order|orders"), List.of(
                        new Example("order=23501", ApiV2.refillRequested(1)),
                        new Example("orders=23501,9", ApiV2.perId("23501,9", "order", "refill", id -> ownOrder(id, REFILL.id()), Fixed.INCORRECT_ORDER_ID)))),
                new Action("refill_status", List.of("refill|refills"), List.of(
                        new Example("refill=1", ApiV2.refillStatus(REFILL.status())),
                        new Example("refills=1,2", ApiV2.refillStatuses(List.of("1", "2"), Map.of(1L, REFILL))))),
                new Action("cancel", List.of("orders"), List.of(
                        new Example("orders=23501,9", ApiV2.perId("23501,9", "order", "cancel", id -> ownOrder(id, 1), Fixed.INCORRECT_ORDER_ID)))),
                new Action("balance", List.of(), List.of(new Example("", ApiV2.balance(Money.parse("100.84292"), currency)))));
    }

    /** {@code result} for the sample order; any other id is not the caller's, as the real action refuses it. */
    private static long ownOrder(long order, long result) {
        if (order != ORDER.id()) throw new Refusal(Fixed.INCORRECT_ORDER_ID);
        return result;
    }

    /** Every text a refused request can answer with: the domain's refusals, then the API's own. */
    public static List<String> errors() {
        var errors = new ArrayList<String>();
        Arrays.stream(Fixed.values()).map(ErrorText::of).forEach(errors::add);
        errors.add(ErrorText.of(new Reason.BelowMin(50)));
        errors.add(ErrorText.of(new Reason.AboveMax(10_000)));
        Arrays.stream(ApiError.values()).map(ErrorText::of).forEach(errors::add);
        return List.copyOf(errors);
    }
}
