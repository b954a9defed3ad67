package org.opensmm;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Arrows point inward (STYLE.md): fronts → features → ledger/db, never back. A plain scan of the sources for every
 * {@code org.opensmm.<package>} they name, in imports or written out in full.
 */
class ArchitectureTest {
    static final Path SOURCES = Path.of("src/main/java/org/opensmm");
    /** Adapters to the outside world: they may name any package, no package below them may name them. */
    static final Set<String> FRONTS = Set.of("api", "app", "http", "web", "admin", "cli");
    /** Below the fronts; payment is not written yet, and is held to the rule from its first line. */
    static final Set<String> DOMAIN = Set.of("core", "account", "ledger", "catalog", "order", "fulfil", "provider", "payment", "ticket", "settings", "db");
    private static final Pattern NAMED = Pattern.compile("\\borg\\.opensmm\\.([a-z][a-z0-9_]*)\\b");

    @Test void no_domain_package_names_a_front() {
        var wrong = new ArrayList<String>();
        for (String pkg : DOMAIN) {
            for (Path file : sources(pkg)) {
                for (String named : named(read(file))) {
                    if (FRONTS.contains(named)) wrong.add(pkg + "/" + file.getFileName() + " names " + named);
                }
            }
        }
        assertThat(wrong).as("domain → front").isEmpty();
    }

    @Test void db_and_core_name_nothing_of_ours_but_themselves() {
        var wrong = new ArrayList<String>();
        for (String pkg : List.of("db", "core")) {
            for (Path file : sources(pkg)) {
                for (String named : named(read(file))) {
                    if (!named.equals(pkg)) wrong.add(pkg + "/" + file.getFileName() + " names " + named);
                }
            }
        }
        assertThat(wrong).as("db and core are the bottom: db knows nothing of ledger's Money").isEmpty();
    }

    @Test void the_scan_sees_what_it_checks() {
        assertThat(sources("order")).extracting(p -> p.getFileName().toString()).contains("OrderService.java");
        assertThat(sources("db")).extracting(p -> p.getFileName().toString()).contains("Tx.java");
        assertThat(named("""
                package org.opensmm.order;
                import org.opensmm.api.ErrorText;
                import static org.opensmm.ledger.Money.ZERO;
                class X { org.opensmm.http.Routes r; org.opensmm.apiary.Y notApi; }
                """)).containsExactly("api", "apiary", "http", "ledger", "order");
    }

    static Set<String> named(String source) {
        var out = new TreeSet<String>();
        Matcher m = NAMED.matcher(source);
        while (m.find()) out.add(m.group(1));
        return out;
    }

    static List<Path> sources(String pkg) {
        Path dir = SOURCES.resolve(pkg);
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
