package org.opensmm.app;

import org.opensmm.db.EmbeddedPostgres;
import org.opensmm.ops.Backup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "restore", description = {"Bring back a backup made by 'opensmm backup' into a new, empty database.",
        "Refused while a panel runs on it or when it holds data: stop the panel, and point OPENSMM_DATA (or OPENSMM_DB_URL) at a new one."})
final class RestoreCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "A backup made by 'opensmm backup'.")
    Path file;

    @Override public Integer call() throws Exception {
        Config config = ((Main) spec.root().userObject()).config();
        PrintWriter out = spec.commandLine().getOut();
        if (!Files.isReadable(file)) throw new IllegalArgumentException("cannot read " + file);
        Backup.Summary done;
        if (config.embedded()) {
            try (var embedded = EmbeddedPostgres.open(config.embeddedDir())) {
                if (embedded.attached()) {
                    throw new IllegalStateException("a panel is running on " + config.dataDir().toAbsolutePath()
                            + "; stop it first, or restore into a new folder (OPENSMM_DATA)");
                }
                done = restore(embedded.jdbcUrl("opensmm"));
            }
        } else {
            done = restore(config.dbUrl());
        }
        long rows = done.rows().values().stream().mapToLong(Long::longValue).sum();
        out.println("restored schema " + done.schema() + ": " + done.rows().size() + " tables, " + rows + " rows from " + file);
        return 0;
    }

    private Backup.Summary restore(String url) throws Exception {
        try (var in = Files.newInputStream(file)) {
            return Backup.read(url, in);
        }
    }
}
