package dev.lia.cli;

import dev.lia.state.SessionStore;
import dev.lia.state.StoreException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code lia sessions [--store STORE] [--remove NAME]...}: the sessions a store keeps. */
@Command(name = "sessions",
        mixinStandardHelpOptions = true,
        description = {"Lists the sessions a store keeps, one name a line, in ascending order; with --remove, removes those named instead.",
                "The store is --store, else $LIA_STORE, else the current directory (whose session files are listed)."},
        footerHeading = "%nExit codes:%n",
        footer = {"  0  listed, or every session named was removed", "  1  some session named was not there",
                "  2  bad input: a bad store or name, or the store cannot be reached"})
final class SessionsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Mixin
    StoreOption store = new StoreOption();

    @Option(names = "--remove", paramLabel = "NAME", description = "remove the session NAME; repeat for each")
    List<String> remove = new ArrayList<>();

    @Override
    public Integer call() {
        String where = store.spec() == null ? "." : store.spec();
        PrintWriter out = spec.commandLine().getOut();
        try (SessionStore s = StoreOption.open("lia sessions", where)) {
            if (remove.isEmpty()) {
                for (String name : s.list()) out.println(name);
                return Main.OK;
            }
            int exit = Main.OK;
            for (String name : remove) {
                if (s.remove(name)) {
                    out.println("removed " + name);
                } else {
                    spec.commandLine().getErr().println("lia sessions: no session " + name + " in " + s.describe());
                    exit = Main.FAILED;
                }
            }
            return exit;
        } catch (StoreException e) {
            throw new CliException(Main.BAD_INPUT, "lia sessions: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new CliException(Main.BAD_INPUT, "lia sessions: " + e.getMessage());
        } catch (java.io.UncheckedIOException e) {
            throw new CliException(Main.BAD_INPUT, "lia sessions: " + e.getMessage());
        }
    }
}
