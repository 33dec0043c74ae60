package dev.lia.bench;

import dev.lia.wasm.exec.Machine;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Which execution tiers ({@code interp}, {@code compiled}, {@code auto}, issue 13) the Lia being
 * measured offers, and how to ask for one. {@code default} is always there: no switch at all, as a
 * user runs Lia.
 *
 * <p>On the command line the switch is {@code --tier T} on {@code lia run} and {@code lia wasi};
 * the harness passes it only when that command's {@code --help} lists it. In process, until the
 * embedding API's switch is settled, the harness looks for a public method of {@link Machine}
 * taking one enum whose constants name the tiers ({@code setTier(Tier.AUTO)} or the like) and
 * calls it on every new machine; {@link #inProcess} is the one place to change once the API is
 * fixed.
 */
final class LiaTiers {
    static final String DEFAULT = "default";
    static final List<String> KNOWN = List.of(DEFAULT, "interp", "compiled", "auto");

    private LiaTiers() {}

    /** The column name of Lia in a tier: "Lia" for the default, else e.g. "Lia-auto". */
    static String column(String tier) {
        return tier.equals(DEFAULT) ? "Lia" : "Lia-" + tier;
    }

    /**
     * How to put a new machine in {@code tier}, or null when this Lia's embedding API has no such
     * switch (then the in-process columns of that tier are left out, with a note).
     */
    static Consumer<Machine> inProcess(String tier) {
        if (tier.equals(DEFAULT)) return m -> {};
        for (Method method : Machine.class.getMethods()) {
            if (Modifier.isStatic(method.getModifiers()) || method.getParameterCount() != 1) continue;
            Class<?> type = method.getParameterTypes()[0];
            if (!type.isEnum()) continue;
            for (Object constant : type.getEnumConstants()) {
                String name = ((Enum<?>) constant).name().toLowerCase(Locale.ROOT);
                if (name.equals(tier) || name.startsWith(tier) && tier.equals("interp")) {
                    return m -> {
                        try {
                            method.invoke(m, constant);
                        } catch (ReflectiveOperationException e) {
                            throw new IllegalStateException("cannot set tier " + tier + " with " + method, e);
                        }
                    };
                }
            }
        }
        return null;
    }

    /** Whether {@code lia COMMAND --help} of this jar lists {@code --tier}. */
    static boolean onCommandLine(Path java, Path liaJar, String command) {
        try {
            Process p = new ProcessBuilder(java.toString(), "-jar", liaJar.toString(), command, "--help")
                    .redirectErrorStream(true).start();
            String help = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) p.destroyForcibly();
            return help.contains("--tier");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
