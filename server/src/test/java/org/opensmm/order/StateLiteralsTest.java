package org.opensmm.order;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stage, cancel and refill-stage names live in their enums only. A quoted 'SENT' or "SENT" anywhere else is a state
 * written around the transition tables (and it drifts: DRIP was once missing from the schema's list); SQL binds the
 * enum's name instead. Column headings of a printed {@code Table} are words, not states.
 */
class StateLiteralsTest {
    private static final Path MAIN = Path.of("src/main/java");
    private static final Set<String> ENUM_FILES = Set.of("Stage.java", "CancelState.java", "RefillStage.java");

    @Test void no_state_name_is_quoted_outside_its_enum() throws IOException {
        String names = Stream.of(Stage.values(), CancelState.values(), RefillStage.values()).flatMap(Arrays::stream)
                .map(Enum::name).distinct().collect(Collectors.joining("|"));
        Pattern quoted = Pattern.compile("['\"](" + names + ")['\"]");
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                if (ENUM_FILES.contains(file.getFileName().toString())) continue;
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i);
                    if (line.contains("new Table(")) continue;
                    if (quoted.matcher(line).find()) found.add(MAIN.relativize(file) + ":" + (i + 1) + ": " + line.strip());
                }
            }
        }
        assertThat(MAIN.resolve("org/opensmm/order/Stage.java")).as("run from the server module").exists();
        assertThat(found).as("quoted state names outside their enums").isEmpty();
    }
}
