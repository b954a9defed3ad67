package org.opensmm.admin;

import org.opensmm.account.Accounts;
import org.opensmm.account.Directory;
import org.opensmm.account.Funds;
import org.opensmm.account.Passwords;
import org.opensmm.account.Role.Permission;
import org.opensmm.account.Staff;
import org.opensmm.fulfil.Review;
import org.opensmm.http.Handler;
import org.opensmm.http.Routes;
import org.opensmm.order.ManualWork;
import org.opensmm.order.OrderSearch;
import org.opensmm.order.OrderService;
import org.opensmm.order.Refills;
import org.opensmm.ticket.Tickets;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;

/** The Admin API v2's lines of the route table (ADMIN-API.md "Endpoints"), each with the permission it needs. */
public final class AdminApiRoutes {
    static final String BASE = "/adminapi/v2";

    private final AdminApi api;
    private final AdminEndpoints e;
    private final Set<String> preflighted = new HashSet<>();

    public AdminApiRoutes(Staff staff, Accounts accounts, Passwords passwords, Funds funds, Directory directory, OrderService orders, OrderSearch search,
                          ManualWork work, Refills refills, Review review, Tickets tickets, Supplier<String> currency, int perSecond, boolean cors) {
        this.api = new AdminApi(staff, perSecond, cors);
        this.e = new AdminEndpoints(accounts, passwords, funds, directory, orders, search, work, refills, review, tickets, currency);
    }

    /** Adds every Admin API route to {@code routes}, and its envelope for errors under /adminapi/. */
    public Routes addTo(Routes routes) {
        routes.front("/adminapi/", api);
        get(routes, "/orders", Permission.ORDERS_READ, e::listOrders);
        get(routes, "/orders/{id}", Permission.ORDERS_READ, e::oneOrder);
        post(routes, "/orders/pull", Permission.ORDERS, e::pullOrders);
        post(routes, "/orders/update", Permission.ORDERS, c -> e.updateOrders(c, false));
        post(routes, "/orders/status", Permission.ORDERS, c -> e.updateOrders(c, true));
        post(routes, "/orders/change-status", Permission.ORDERS, c -> e.changeStatus(c, false));
        post(routes, "/orders/{id}/change-status", Permission.ORDERS, c -> e.changeStatus(c, true));
        post(routes, "/orders/{id}/set-partial", Permission.ORDERS, e::setPartial);
        post(routes, "/orders/{id}/edit-link", Permission.ORDERS, e::editLink);
        post(routes, "/orders/request-cancel", Permission.ORDERS, e::requestCancel);
        post(routes, "/orders/cancel", Permission.ORDERS, e::cancel);
        post(routes, "/orders/resend", Permission.ORDERS, e::resend);
        post(routes, "/cancel/pull", Permission.QUEUES, e::pullCancels);
        post(routes, "/cancel/reject", Permission.QUEUES, e::rejectCancels);
        post(routes, "/refill/pull", Permission.QUEUES, e::pullRefills);
        post(routes, "/refill/change-status", Permission.QUEUES, e::refillStatus);
        get(routes, "/payments", Permission.PAYMENTS, e::listPayments);
        post(routes, "/payments/add", Permission.PAYMENTS, e::addPayment);
        get(routes, "/users", Permission.CUSTOMERS, e::listUsers);
        post(routes, "/users/add", Permission.CUSTOMERS, e::addUser);
        get(routes, "/tickets", Permission.TICKETS, e::listTickets);
        get(routes, "/tickets/{id}", Permission.TICKETS, e::oneTicket);
        post(routes, "/tickets/{id}/reply", Permission.TICKETS, e::replyTicket);
        post(routes, "/tickets/add", Permission.TICKETS, e::addTicket);
        return routes;
    }

    private void get(Routes routes, String path, Permission p, AdminApi.Endpoint endpoint) { add(routes, "GET", path, p, endpoint); }

    private void post(Routes routes, String path, Permission p, AdminApi.Endpoint endpoint) { add(routes, "POST", path, p, endpoint); }

    /** The path and the path with a trailing slash; OPTIONS for both (a browser's preflight). */
    private void add(Routes routes, String method, String path, Permission p, AdminApi.Endpoint endpoint) {
        Handler h = api.endpoint(p, endpoint);
        for (String full : new String[] {BASE + path, BASE + path + "/"}) {
            routes.route(method, full, h);
            if (preflighted.add(full)) routes.route("OPTIONS", full, api.preflight());
        }
    }
}
