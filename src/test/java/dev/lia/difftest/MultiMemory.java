package dev.lia.difftest;

import dev.lia.wasm.binary.ModuleDecoder;
import dev.lia.wasm.binary.ModuleEncoder;
import dev.lia.wasm.syntax.DataSegment;
import dev.lia.wasm.syntax.Export;
import dev.lia.wasm.syntax.ExternKind;
import dev.lia.wasm.syntax.Expr;
import dev.lia.wasm.syntax.FunctionBody;
import dev.lia.wasm.syntax.Instruction;
import dev.lia.wasm.syntax.LaneAccess;
import dev.lia.wasm.syntax.MemoryType;
import dev.lia.wasm.syntax.Module;
import dev.lia.wasm.syntax.SegmentMode;
import dev.lia.wasm.valid.Validator;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Binaryen 132's {@code -ttf} writes one memory at most, even with multi-memory enabled. This pass
 * gives a share of the modules (chosen by seed) a second memory of the same type (limits and
 * address type), with a copy of every active data segment of the first, and moves a seed-chosen
 * share of the memory instructions (loads, stores, lane accesses, memory.size/grow/fill/init, either
 * side of memory.copy) to it. Both memories having one type, every moved instruction stays valid;
 * the result is checked with Lia's validator all the same, and V8 and Lia then run the same bytes.
 * {@code hashMemory} is moved whole or not at all, so that it hashes one memory entirely.
 */
final class MultiMemory {
    private MultiMemory() {}

    /** The module with a second memory, or {@code bytes} itself where the seed says no or it does not apply. */
    static byte[] apply(byte[] bytes, long seed) {
        if (Tools.FOUND == null || !Tools.FOUND.wasm30()) return bytes; // node 20 (with binaryen 108) has no multi-memory
        Random random = new Random(seed * 0x9E3779B97F4A7C15L + 11);
        if (random.nextInt(2) != 0) return bytes; // half the modules keep binaryen's bytes as they are
        Module m = ModuleDecoder.decode(bytes);
        if (m.memories().size() != 1 || m.importCount(ExternKind.MEMORY) != 0) return bytes;
        double share = new double[] {0.25, 0.5, 0.75, 1.0}[random.nextInt(4)];
        int hashMemory = -1;
        for (Export e : m.exports()) {
            if (e.kind() == ExternKind.FUNC && e.name().equals("hashMemory")) hashMemory = e.index() - m.importCount(ExternKind.FUNC);
        }
        List<FunctionBody> codes = new ArrayList<>();
        for (int f = 0; f < m.codes().size(); f++) {
            FunctionBody body = m.codes().get(f);
            Random moves = f == hashMemory ? new Random(random.nextLong()) : random;
            boolean whole = f == hashMemory && moves.nextDouble() < share;
            List<Instruction> out = new ArrayList<>();
            for (Instruction in : body.body().instructions()) {
                out.add(f == hashMemory ? (whole ? move(in, new Random(0), 1.0) : in) : move(in, moves, share));
            }
            codes.add(new FunctionBody(body.locals(), new Expr(out), body.offset(), body.endOffset()));
        }
        List<MemoryType> memories = List.of(m.memories().get(0), m.memories().get(0));
        List<DataSegment> datas = new ArrayList<>(m.datas()); // copies go last: data indices stay as they are
        for (DataSegment d : m.datas()) {
            if (d.mode() == SegmentMode.ACTIVE && d.memory() == 0) datas.add(new DataSegment(d.bytes(), SegmentMode.ACTIVE, 1, d.offset()));
        }
        int dataCount = m.dataCount() < 0 ? -1 : datas.size();
        Module two = new Module(m.types(), m.imports(), m.functions(), m.tables(), memories, m.globals(), m.exports(), m.start(),
                m.elements(), dataCount, codes, datas, m.customs(), m.names(), m.tags(), m.typeSection());
        byte[] result = ModuleEncoder.encode(two, false);
        try {
            Validator.validate(ModuleDecoder.decode(result));
        } catch (dev.lia.wasm.InvalidException e) {
            try {
                Validator.validate(m);
            } catch (dev.lia.wasm.InvalidException original) {
                return bytes; // a module Lia finds invalid is left as binaryen wrote it, to be judged as it is
            }
            throw new IllegalStateException("the second memory made a valid module invalid: " + e.getMessage(), e); // a bug of this pass
        }
        return result;
    }

    /** {@code in} with memory 0 turned into memory 1 where the draw falls below {@code share}. */
    private static Instruction move(Instruction in, Random random, double share) {
        return switch (in.op.imm) {
            case MEMARG -> in.c == 0 && random.nextDouble() < share ? new Instruction(in.op, in.a, in.b, 1, in.labels, in.bytes, in.offset) : in;
            case MEMARG_LANE -> LaneAccess.memory(in) == 0 && random.nextDouble() < share
                    ? LaneAccess.of(in.op, in.a, in.b, 1, LaneAccess.lane(in), in.offset) : in;
            case MEM -> in.a == 0 && random.nextDouble() < share ? new Instruction(in.op, 1, in.b, in.c, in.labels, in.bytes, in.offset) : in;
            case MEMORY_INIT -> in.b == 0 && random.nextDouble() < share ? new Instruction(in.op, in.a, 1, in.c, in.labels, in.bytes, in.offset) : in;
            case MEMORY_COPY -> {
                long dst = in.a == 0 && random.nextDouble() < share ? 1 : in.a;
                long src = in.b == 0 && random.nextDouble() < share ? 1 : in.b;
                yield new Instruction(in.op, dst, src, in.c, in.labels, in.bytes, in.offset);
            }
            default -> in;
        };
    }
}
