package org.opensmm.admin;

import org.opensmm.web.Fields;

import java.util.ArrayList;

/**
 * One page of a long admin list (orders, customers, tickets): which page of how many, and the links to the pages either
 * side, which keep the list's filter and drop the last action's notice. Rendered by admin/pager.jte.
 */
public record Pager(int page, int pages, String prev, String next) {
    static final int SIZE = 50;

    /** The page the query asks for, from 1. */
    static int page(Fields q) { return Math.max(1, q.number("page", 1)); }

    /** The first row of that page. */
    static int offset(Fields q) { return (page(q) - 1) * SIZE; }

    /** The pager of {@code count} rows in all, at the page the query asks for. */
    static Pager of(Fields q, long count) {
        int page = page(q);
        int pages = (int) Math.max(1, (count + SIZE - 1) / SIZE);
        return new Pager(page, pages, page > 1 ? href(q, page - 1) : null, page < pages ? href(q, page + 1) : null);
    }

    private static String href(Fields q, int page) {
        var parts = new ArrayList<String>();
        q.values().forEach((k, val) -> {
            if (!k.equals("page") && !k.equals("done") && !k.equals("failed") && !val.isBlank()) parts.add(Fields.encode(k) + "=" + Fields.encode(val));
        });
        parts.add("page=" + page);
        return "?" + String.join("&", parts);
    }
}
