package org.opensmm.web;

import org.opensmm.account.Accounts;
import org.opensmm.account.Links;
import org.opensmm.account.Passwords;
import org.opensmm.account.Profiles;
import org.opensmm.account.TwoFactor;
import org.opensmm.catalog.Catalog;
import org.opensmm.db.Database;
import org.opensmm.ledger.Statement;
import org.opensmm.http.Routes;
import org.opensmm.order.OrderList;
import org.opensmm.order.OrderService;
import org.opensmm.order.Quotes;
import org.opensmm.order.Recurring;
import org.opensmm.order.Refills;
import org.opensmm.payment.Deposit;
import org.opensmm.ticket.Tickets;

import java.util.List;
import java.util.function.Function;

/** The customer website, wired: its pages, and its lines of the panel's route table ({@link #routes}). */
public final class Web {
    public final Site site;
    private final AccountPages account;
    private final ProfilePages profile;
    private final OrderPages order;
    private final ListPages lists;
    private final ApiPage api;
    private final HtmlFront front;
    private final MassOrderPage massOrder;
    private final HistoryPages history;
    private final TicketPages ticketPages;

    public Web(Site site, Passwords passwords, Accounts accounts, Catalog catalog, OrderService orders, Quotes quotes,
               OrderList orderList, Refills refills, Database db, Tickets tickets, Profiles profiles, TwoFactor twoFactor,
               Links links, Function<Long, List<Deposit>> unpaidDeposits) {
        this.site = site;
        this.account = new AccountPages(site, passwords, twoFactor, links, profiles);
        this.profile = new ProfilePages(site, profiles, twoFactor, links);
        this.order = new OrderPages(site, catalog, orders, quotes);
        this.lists = new ListPages(site, catalog, orderList, orders, refills);
        this.api = new ApiPage(site, accounts);
        this.front = new HtmlFront(site);
        this.massOrder = new MassOrderPage(site, orders);
        this.history = new HistoryPages(site, new Statement(db), refills, new Recurring(db), unpaidDeposits);
        this.ticketPages = new TicketPages(site, tickets, orders);
    }

    /** The website's routes, read top to bottom; "/" and below word their 404/405/500 as pages (API v2 keeps /api/). */
    public Routes routes(Routes routes) {
        return routes.front("/", front)
                .get("/", order::home)
                .post("/order", profile.verifiedOnly(order::place))
                .post("/order/quote", order::quote)
                .get("/services", lists::services)
                .get("/orders", lists::orders)
                .get("/orders/{id}", lists::order)
                .post("/orders/{id}/refill", lists::refill)
                .post("/orders/{id}/cancel", lists::cancel)
                .get("/api", api::show).post("/api", api::regenerate)
                .get("/signup", account::signupForm).post("/signup", account::signup)
                .get("/login", account::loginForm).post("/login", account::login)
                .post("/logout", account::logout)
                // customer pages: mass order, what was done (ledger, refills, subscriptions, drip-feed), tickets
                .get("/massorder", massOrder::form).post("/massorder", profile.verifiedOnly(massOrder::place))
                .get("/transactions", history::transactions)
                .get("/refill", history::refills)
                .get("/subscriptions", history::subscriptions)
                .get("/drip-feed", history::dripFeeds)
                .get("/tickets", ticketPages::list).post("/tickets", ticketPages::open)
                .get("/tickets/{id}", ticketPages::thread).post("/tickets/{id}", ticketPages::answer)
                // Accounts: the second sign-in step, /account, email verification and password reset by link
                .get("/login/code", account::codeForm).post("/login/code", account::code)
                .get("/account", profile::show)
                .post("/account/email", profile::email).post("/account/password", profile::password)
                .post("/account/preferences", profile::preferences).post("/account/verify", profile::resendVerification)
                .post("/account/2fa/start", profile::twoFactorStart).post("/account/2fa/confirm", profile::twoFactorConfirm)
                .post("/account/2fa/off", profile::twoFactorOff)
                .get("/verify-email", profile::verify)
                .get("/reset-password", profile::resetForm).post("/reset-password", profile::requestReset)
                .get("/reset-password/new", profile::newPasswordForm).post("/reset-password/new", profile::newPassword)
                .get("/assets/site.css", Assets.file("site.css", "text/css; charset=utf-8"))
                .get("/assets/site.js", Assets.file("site.js", "text/javascript; charset=utf-8"));
    }
}
