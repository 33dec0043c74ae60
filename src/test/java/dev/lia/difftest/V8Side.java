package dev.lia.difftest;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One node process running {@code tools/difftest/v8-runner.js}, answering a case per request line. */
final class V8Side implements AutoCloseable {
    static final Path SCRIPT = Path.of("tools", "difftest", "v8-runner.js");
    private static final Pattern STRING = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final Process process;
    private final BufferedWriter in;
    private final BufferedReader out;

    V8Side() throws IOException {
        process = Tools.FOUND.process(java.util.List.of(Tools.FOUND.node().toString(), SCRIPT.toString()))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        in = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
        out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** V8's events for {@code calls} on the module in {@code wasm} ({@code bytes}). */
    List<String> run(Path wasm, byte[] bytes, List<Call> calls) throws IOException {
        StringBuilder req = new StringBuilder("{\"file\":").append(Call.Json.quote(wasm.toAbsolutePath().toString()))
                .append(",\"globals\":{");
        boolean first = true;
        for (dev.lia.wasm.syntax.Import imp : dev.lia.wasm.binary.ModuleDecoder.decode(bytes).imports()) {
            if (imp.module().equals(LiaSide.FUZZ_IMPORT) && imp.desc() instanceof dev.lia.wasm.syntax.Import.Global g) {
                req.append(first ? "" : ",").append(Call.Json.quote(imp.name())).append(':').append(Call.Json.quote(LiaSide.fuzzGlobal(g.type().type())));
                first = false;
            }
        }
        req.append("},\"calls\":[");
        for (int i = 0; i < calls.size(); i++) req.append(i > 0 ? "," : "").append(calls.get(i).json());
        in.write(req.append("]}\n").toString());
        in.flush();
        String line = out.readLine();
        if (line == null) throw new IOException("the V8 runner ended");
        List<String> events = new ArrayList<>();
        Matcher m = STRING.matcher(line.substring(line.indexOf('[')));
        while (m.find()) events.add(m.group(1).replace("\\\"", "\"").replace("\\\\", "\\"));
        return events;
    }

    long nodeCpuNanos() {
        return Generator.cpu(process);
    }

    @Override
    public void close() {
        process.destroy();
    }
}
