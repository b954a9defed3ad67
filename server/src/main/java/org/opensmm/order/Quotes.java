package org.opensmm.order;

import org.opensmm.catalog.Catalog;
import org.opensmm.catalog.Service;
import org.opensmm.core.Reason.Fixed;
import org.opensmm.core.Refusal;
import org.opensmm.db.Database;
import org.opensmm.ledger.Money;

import java.time.Clock;
import java.time.LocalDate;
import java.util.function.Function;

/**
 * What an {@code add} would charge, without placing it: the website shows it as the customer types. The same steps
 * as {@link OrderService#add} in the same order (offer, {@link Placement#read}, {@code Rate.chargeFor}), so the
 * price shown is the price charged and a refusal here is the refusal the order would get; the balance is compared
 * here only as a hint, the debit's guard still decides.
 */
public final class Quotes {
    private final Database db;
    private final Catalog catalog;
    private final Clock clock;

    public Quotes(Database db, Catalog catalog, Clock clock) {
        this.db = db;
        this.catalog = catalog;
        this.clock = clock;
    }

    /** A priced order: the charge now (zero for a subscription: its posts are charged as they come), units and balance. */
    public record Quote(Service service, Money charge, long units, Money balance) {}

    /** The quote, or a {@link Refusal} with the reason {@code add} would give (NOT_ENOUGH_FUNDS included). */
    public Quote quote(long customer, long serviceId, Function<String, String> field) {
        Service service = catalog.offer(customer, serviceId).orElseThrow(() -> new Refusal(Fixed.INCORRECT_SERVICE_ID)).service();
        Placement placement = Placement.read(service, field, LocalDate.now(clock));
        Money charge = service.rate().chargeFor(placement.units(), service.type().perPackage());
        Money balance = new Money(db.read(tx -> tx.count("SELECT balance FROM customer WHERE id = ?", customer)));
        if (balance.compareTo(charge) < 0) throw new Refusal(Fixed.NOT_ENOUGH_FUNDS);
        return new Quote(service, charge, placement.units(), balance);
    }
}
