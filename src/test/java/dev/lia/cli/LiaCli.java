package dev.lia.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the command line in-process and captures what it prints. */
public final class LiaCli {
    public record Result(int exit, String out, String err) {
        /** "exit N", then stdout, then stderr: the form golden files hold. */
        public String transcript() {
            return "exit " + exit + "\n" + out + err;
        }
    }

    private LiaCli() {}

    public static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Result(code, out.toString().replace("\r\n", "\n"), err.toString().replace("\r\n", "\n"));
    }
}
