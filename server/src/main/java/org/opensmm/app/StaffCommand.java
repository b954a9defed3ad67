package org.opensmm.app;

import org.opensmm.account.Role;
import org.opensmm.account.Staff;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Staff accounts and their Admin API keys: add (the initial password shown once), list, disable, enable, keys. */
@Command(name = "staff", description = "Staff accounts (owner, manager, support) and their Admin API keys.",
        subcommands = {StaffCommand.Add.class, StaffCommand.ListStaff.class, StaffCommand.Disable.class, StaffCommand.Enable.class,
                StaffCommand.NewKey.class, StaffCommand.Keys.class})
final class StaffCommand extends CommandGroup {
    private static final String ONCE = "Shown only now: the panel stores only its hash.";

    @Command(name = "add", description = "Add a staff account and print its initial password (shown once).")
    static final class Add extends OperatorCommand {
        @Parameters(paramLabel = "NAME", description = "Username: letters, digits, . _ @ -") String name;
        @Option(names = "--role", required = true, paramLabel = "ROLE", description = "owner, manager or support") String role;

        @Override int run() {
            var added = panel.staff.add(operator, name, Role.parse(role), null);
            new Table.Fields().add("id", added.member().id()).add("username", added.member().username())
                    .add("role", added.member().role().wire()).add("password", added.password()).print(out);
            out.println(ONCE);
            return 0;
        }
    }

    @Command(name = "list", description = "Every staff account: id, username, role, enabled.")
    static final class ListStaff extends OperatorCommand {
        @Override int run() {
            var table = new Table("ID", "USERNAME", "ROLE", "ENABLED", "CREATED");
            for (Staff.Member m : panel.staff.list()) table.row(m.id(), m.username(), m.role().wire(), yesNo(m.enabled()), time(m.createdAt()));
            if (table.isEmpty()) out.println("No staff yet. Add one: opensmm staff add NAME --role owner");
            else table.print(out);
            return 0;
        }
    }

    @Command(name = "disable", description = "Refuse the account's sign-in and every one of its keys until enabled again.")
    static final class Disable extends SetEnabled {
        Disable() { super(false); }
    }

    @Command(name = "enable", description = "Enable a disabled staff account.")
    static final class Enable extends SetEnabled {
        Enable() { super(true); }
    }

    /** disable and enable: the same command but for the flag it sets. */
    private abstract static class SetEnabled extends OperatorCommand {
        private final boolean enabled;
        @Parameters(paramLabel = "NAME") String name;

        SetEnabled(boolean enabled) { this.enabled = enabled; }

        @Override int run() {
            panel.staff.setEnabled(operator, name, enabled);
            out.println("Staff account '" + name + "' " + (enabled ? "enabled" : "disabled") + ".");
            return 0;
        }
    }

    @Command(name = "key", description = "A new Admin API key for the account, with its role's permissions (shown once).")
    static final class NewKey extends OperatorCommand {
        @Parameters(paramLabel = "NAME") String name;

        @Override int run() {
            var issued = panel.staff.newKey(operator, name);
            new Table.Fields().add("key id", issued.keyId()).add("staff", issued.member().username())
                    .add("role", issued.member().role().wire()).add("admin api key", issued.key().value()).print(out);
            out.println(ONCE);
            return 0;
        }
    }

    @Command(name = "keys", description = "List or revoke Admin API keys.", subcommands = {Keys.ListKeys.class, Keys.Revoke.class})
    static final class Keys extends CommandGroup {
        @Command(name = "list", description = "The account's keys: id, created, revoked.")
        static final class ListKeys extends OperatorCommand {
            @Parameters(paramLabel = "NAME") String name;

            @Override int run() {
                var table = new Table("KEY ID", "CREATED", "REVOKED");
                for (Staff.Key k : panel.staff.keys(name)) table.row(k.id(), time(k.createdAt()), k.revokedAt() == null ? "-" : time(k.revokedAt()));
                if (table.isEmpty()) out.println("No keys. Make one: opensmm staff key " + name);
                else table.print(out);
                return 0;
            }
        }

        @Command(name = "revoke", description = "Revoke an Admin API key by its id; it stops working at once.")
        static final class Revoke extends OperatorCommand {
            @Parameters(paramLabel = "KEY_ID") long keyId;

            @Override int run() {
                panel.staff.revokeKey(operator, keyId);
                out.println("Admin API key " + keyId + " revoked.");
                return 0;
            }
        }
    }
}
