package org.opensmm.admin;

import org.opensmm.account.Role.Permission;
import org.opensmm.admin.Desk.Visit;
import org.opensmm.http.Response;
import org.opensmm.http.Routes;
import org.opensmm.ops.Reports;
import org.opensmm.web.Fields;
import org.opensmm.web.Site;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;

/**
 * The money reports (/admin/reports) for staff with the reports permission: orders, revenue, cost and profit of the
 * orders placed in a range of days (in the member's time zone), grouped by day, service, provider or customer, and the same table as CSV.
 */
public final class ReportPages {
    /** The longest range one report covers: a year and a day, so a leap year fits. */
    private static final int MAX_DAYS = 367;
    private static final List<String> GROUPS = Arrays.stream(Reports.By.values()).map(Reports.By::wire).toList();

    private final Desk desk;
    private final Reports reports;
    private final Clock clock;

    public ReportPages(Desk desk, Reports reports, Clock clock) {
        this.desk = desk;
        this.reports = reports;
        this.clock = clock;
    }

    public Routes routes(Routes routes) {
        return routes.get("/admin/reports", desk.staffOnly(Permission.REPORTS, this::page))
                .get("/admin/reports/csv", desk.staffOnly(Permission.REPORTS, this::csv));
    }

    /** What was asked: the grouping and the days, from and to inclusive; {@code error} when the days were unreadable. */
    record Asked(Reports.By by, LocalDate from, LocalDate to, ZoneId zone, String error) {
        long fromMillis() { return from.atStartOfDay(zone).toInstant().toEpochMilli(); }

        long toMillis() { return to.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli(); }

        String query() { return "by=" + by.wire() + "&from=" + from + "&to=" + to; }
    }

    public record ReportView(String me, List<String> groups, String by, String from, String to, String error, Reports.Report report,
                             String csv) {}

    Response page(Visit v) {
        Asked a = asked(Site.query(v.request()), v.preferences().zone());
        var report = reports.report(a.by(), a.fromMillis(), a.toMillis(), a.zone());
        return desk.page(v, a.error() == null ? 200 : 400, "reports.jte", "admin.title.reports", new ReportView(v.name(), GROUPS, a.by().wire(),
                a.from().toString(), a.to().toString(), a.error(), report, "/admin/reports/csv?" + a.query()));
    }

    Response csv(Visit v) {
        Asked a = asked(Site.query(v.request()), v.preferences().zone());
        if (a.error() != null) return desk.error(v, 400, a.error());
        var report = reports.report(a.by(), a.fromMillis(), a.toMillis(), a.zone());
        var out = new StringBuilder();
        row(out, a.by().wire(), "orders", "revenue", "cost", "profit");
        for (var l : report.lines()) line(out, l);
        line(out, report.total());
        String name = "report-" + a.by().wire() + "-" + a.from() + "-" + a.to() + ".csv";
        return Response.of(200, "text/csv; charset=utf-8", out.toString()).with("Content-Disposition", "attachment; filename=\"" + name + "\"")
                .with("Cache-Control", "no-store");
    }

    private static void line(StringBuilder out, Reports.Line l) {
        row(out, l.label(), Long.toString(l.orders()), l.revenue().toWire(), l.cost().toWire(), l.profit().toWire());
    }

    private static void row(StringBuilder out, String... cells) {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) out.append(',');
            out.append(cell(cells[i]));
        }
        out.append("\r\n");
    }

    /**
     * One RFC 4180 cell: quoted when it holds a comma, quote or line break. A text starting with = + - @ (or a tab or CR)
     * is a formula to a spreadsheet (a customer named "=HYPERLINK(…)"): it gets a leading apostrophe. Numbers are
     * ours and go as they are, so a loss stays a negative number.
     */
    static String cell(String text) {
        String s = text == null ? "" : text;
        if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0 && !s.matches("-?\\d+(\\.\\d+)?")) s = "'" + s;
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) s = "\"" + s.replace("\"", "\"\"") + "\"";
        return s;
    }

    /** Days from the query (yyyy-mm-dd), by default the last 30 up to today; an unreadable or too long range says so. */
    private Asked asked(Fields q, ZoneId zone) {
        Reports.By by = Reports.By.parse(q.text("by"));
        LocalDate today = LocalDate.now(clock.withZone(zone));
        try {
            LocalDate to = q.nonBlank("to") == null ? today : LocalDate.parse(q.text("to").strip());
            LocalDate from = q.nonBlank("from") == null ? to.minusDays(29) : LocalDate.parse(q.text("from").strip());
            if (from.isAfter(to) || from.plusDays(MAX_DAYS).isBefore(to)) return new Asked(by, today.minusDays(29), today, zone, "admin.reports.range.bad");
            return new Asked(by, from, to, zone, null);
        } catch (DateTimeParseException e) {
            return new Asked(by, today.minusDays(29), today, zone, "admin.reports.range.bad");
        }
    }
}
