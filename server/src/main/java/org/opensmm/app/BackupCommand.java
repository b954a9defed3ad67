package org.opensmm.app;

import org.opensmm.db.EmbeddedPostgres;
import org.opensmm.ops.Backup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;

@Command(name = "backup", description = {"Copy the panel's database into FILE (gzip), consistently, while the panel serves.",
        "Restore it with: opensmm restore FILE"})
final class BackupCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "Where to write the backup; an existing file is replaced only once the copy is complete.")
    Path file;

    @Override public Integer call() throws Exception {
        Config config = ((Main) spec.root().userObject()).config();
        PrintWriter out = spec.commandLine().getOut();
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        Backup.Summary done = Databases.on(config, url -> {
            try (var to = Files.newOutputStream(partial)) {
                return Backup.write(url, to);
            }
        });
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        long rows = done.rows().values().stream().mapToLong(Long::longValue).sum();
        out.println("backup of schema " + done.schema() + ": " + done.rows().size() + " tables, " + rows + " rows, "
                + Files.size(file) + " bytes in " + file);
        return 0;
    }

    /** The database a command works on: OPENSMM_DB_URL's, or the embedded server's (the running panel's, or started for the command). */
    static final class Databases {
        interface Work<T> { T run(String url) throws Exception; }

        static <T> T on(Config config, Work<T> work) throws Exception {
            if (!config.embedded()) return work.run(config.dbUrl());
            try (var embedded = EmbeddedPostgres.open(config.embeddedDir())) {
                return work.run(embedded.jdbcUrl("opensmm"));
            }
        }
    }
}
