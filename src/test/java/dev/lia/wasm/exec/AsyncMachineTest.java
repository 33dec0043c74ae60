package dev.lia.wasm.exec;

import dev.lia.wasm.Trap;
import dev.lia.wasm.binary.ModuleDecoder;
import dev.lia.wasm.binary.ModuleEncoder;
import dev.lia.wasm.compile.CompiledModule;
import dev.lia.wasm.compile.ModuleCompiler;
import dev.lia.wasm.runtime.AsyncHostFunction;
import dev.lia.wasm.runtime.Extern;
import dev.lia.wasm.runtime.FunctionInstance;
import dev.lia.wasm.runtime.GlobalInstance;
import dev.lia.wasm.runtime.Instance;
import dev.lia.wasm.runtime.Limits;
import dev.lia.wasm.runtime.Store;
import dev.lia.wasm.syntax.FuncType;
import dev.lia.wasm.syntax.Module;
import dev.lia.wasm.syntax.ValType;
import dev.lia.wasm.text.TextFormat;
import dev.lia.wasm.valid.Validator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Asynchronous host functions and {@link AsyncMachine}: no thread waits for a host's future. */
class AsyncMachineTest {
    static final String WAT = """
            (module
              (import "host" "add1" (func $add1 (param i32) (result i32)))
              (import "host" "double" (func $double (param i32) (result i32)))
              (import "host" "callback" (func $callback (param i32) (result i32)))
              (import "host" "callmix" (func $callmix (param i32) (result i32)))
              (global $inflight (export "inflight") (mut i32) (i32.const 0))
              (func $square (export "square") (param i32) (result i32)
                local.get 0
                local.get 0
                i32.mul)
              (func $mix (export "mix") (param i32) (result i32)
                local.get 0
                call $add1
                call $double
                local.get 0
                call $double
                i32.add)
              (func (export "reenter") (param i32) (result i32)
                local.get 0
                call $callback
                local.get 0
                i32.const 1
                i32.add
                call $callback
                i32.add)
              (func (export "outer") (param i32) (result i32)
                local.get 0
                call $callmix
                local.get 0
                call $double
                i32.add)
              (func (export "exclusive") (param i32) (result i32)
                global.get $inflight
                if
                  unreachable
                end
                i32.const 1
                global.set $inflight
                local.get 0
                call $double
                call $double
                i32.const 0
                global.set $inflight)
              (func (export "trapafter") (param i32) (result i32)
                local.get 0
                call $double
                i32.const 0
                i32.div_s)
              (func (export "three") (param i32) (result i32)
                local.get 0
                call $double
                call $double
                call $add1
                call $double))
            """;
    static final CompiledModule MODULE = compile(WAT);
    static final FuncType I32_TO_I32 = new FuncType(List.of(ValType.I32), List.of(ValType.I32));

    static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "timer");
        t.setDaemon(true);
        return t;
    });

    @AfterAll
    static void stopTimer() {
        TIMER.shutdownNow();
    }

    static CompiledModule compile(String wat) {
        Module m = ModuleDecoder.decode(ModuleEncoder.encode(TextFormat.parseModule(wat)));
        Validator.validate(m);
        return ModuleCompiler.compile(m);
    }

    /** A future completed by the timer thread after up to {@code maxMillis}. */
    static CompletableFuture<long[]> later(long value, int maxMillis) {
        CompletableFuture<long[]> f = new CompletableFuture<>();
        TIMER.schedule(() -> f.complete(new long[] {value}), ThreadLocalRandom.current().nextInt(maxMillis + 1), TimeUnit.MILLISECONDS);
        return f;
    }

    /** The module's imports: add1 synchronous, the others asynchronous. */
    static Map<String, Extern> hosts(Store store, AsyncHostFunction doubler) {
        Map<String, Extern> m = new HashMap<>();
        m.put("add1", store.hostFunction("add1", I32_TO_I32, (caller, args) -> new long[] {args[0] + 1}));
        m.put("double", store.asyncFunction("double", I32_TO_I32, doubler));
        // callback(x) = square(x) + 1, computed by calling back into wasm
        m.put("callback", store.asyncFunction("callback", I32_TO_I32, (ctx, args) ->
                ctx.call(ctx.caller().exportedFunction("square"), args[0]).thenApply(r -> new long[] {r[0] + 1})));
        // callmix(x) = mix(x) + 1000, where mix itself awaits async calls; and square(x) on the side, concurrently
        m.put("callmix", store.asyncFunction("callmix", I32_TO_I32, (ctx, args) -> {
            CompletableFuture<long[]> mix = ctx.call(ctx.caller().exportedFunction("mix"), args[0]);
            CompletableFuture<long[]> sq = ctx.call(ctx.caller().exportedFunction("square"), args[0]);
            return mix.thenCombine(sq, (a, b) -> new long[] {a[0] + 1000 + 0 * b[0]});
        }));
        return m;
    }

    static Instance instantiate(Machine machine, AsyncHostFunction doubler) {
        Map<String, Extern> hosts = hosts(machine.store(), doubler);
        return machine.instantiate(MODULE, (module, name) -> hosts.get(name));
    }

    static final AsyncHostFunction TIMED_DOUBLE = (ctx, args) -> later(2 * args[0], 3);

    static long result(CompletableFuture<long[]> f) throws Exception {
        return f.get(30, TimeUnit.SECONDS)[0];
    }

    @Test
    void syncAndAsyncImportsMixInOneChain() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Machine machine = new Machine(new Store());
            Instance inst = instantiate(machine, TIMED_DOUBLE);
            AsyncMachine async = new AsyncMachine(machine, pool);
            assertThat(result(async.callAsync(inst.exportedFunction("mix"), 5))).isEqualTo(2 * 6 + 2 * 5);
            assertThat(result(async.callAsync(inst.exportedFunction("three"), 3))).isEqualTo(2 * (4 * 3 + 1));
            assertThat(result(async.callAsync(inst.exportedFunction("square"), 9))).isEqualTo(81); // no host at all
            // host functions can be called directly too, async or not
            assertThat(result(async.callAsync((FunctionInstance) inst.function(1), 21))).isEqualTo(42);
            assertThat(result(async.callAsync((FunctionInstance) inst.function(0), 41))).isEqualTo(42);
            assertThat(machine.isActive()).isFalse();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anAsyncImportCanCallBackIntoWasm() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Machine machine = new Machine(new Store());
            Instance inst = instantiate(machine, TIMED_DOUBLE);
            AsyncMachine async = new AsyncMachine(machine, pool);
            assertThat(result(async.callAsync(inst.exportedFunction("reenter"), 4))).isEqualTo((16 + 1) + (25 + 1));
            // the nested call itself awaits async imports, while the outer chain waits on its host call
            assertThat(result(async.callAsync(inst.exportedFunction("outer"), 3))).isEqualTo((2 * 4 + 2 * 3 + 1000) + 6);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theSynchronousDriverWaitsForAsyncImports() {
        Machine machine = new Machine(new Store());
        Instance inst = instantiate(machine, TIMED_DOUBLE);
        assertThat(machine.invoke(inst.exportedFunction("mix"), 5)).containsExactly(22);
        assertThat(machine.invoke(inst.exportedFunction("outer"), 3)).containsExactly(1020);
    }

    @Test
    void callsOnOneMachineQueueUpAndNeverInterleave() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Machine machine = new Machine(new Store());
            Instance inst = instantiate(machine, TIMED_DOUBLE);
            AsyncMachine async = new AsyncMachine(machine, pool);
            List<CompletableFuture<long[]>> calls = new ArrayList<>();
            for (int i = 0; i < 300; i++) calls.add(async.callAsync(inst.exportedFunction("exclusive"), i));
            for (int i = 0; i < calls.size(); i++) assertThat(result(calls.get(i))).isEqualTo(4L * i); // "exclusive" traps if interleaved
            assertThat(((GlobalInstance) inst.export("inflight")).get()).isZero();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void trapsAndHostFailuresEndOnlyTheirCall() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Machine machine = new Machine(new Store());
            AtomicInteger n = new AtomicInteger();
            Instance inst = instantiate(machine, (ctx, args) -> n.incrementAndGet() == 2
                    ? CompletableFuture.failedFuture(new IllegalStateException("the service is down"))
                    : later(2 * args[0], 2));
            AsyncMachine async = new AsyncMachine(machine, pool);
            CompletableFuture<long[]> trapped = async.callAsync(inst.exportedFunction("trapafter"), 1); // double #1
            CompletableFuture<long[]> failed = async.callAsync(inst.exportedFunction("mix"), 1);        // double #2 fails
            CompletableFuture<long[]> fine = async.callAsync(inst.exportedFunction("mix"), 1);          // #3, #4
            assertThatThrownBy(() -> trapped.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(Trap.class).hasMessage("integer divide by zero");
            assertThat(((Trap) unwrap(trapped)).backtrace()).extracting(Trap.Frame::function).containsExactly("trapafter");
            assertThatThrownBy(() -> failed.get(30, TimeUnit.SECONDS)).cause().hasMessage("the service is down");
            assertThat(result(fine)).isEqualTo(6);
            assertThat(machine.isActive()).isFalse();
        } finally {
            pool.shutdownNow();
        }
    }

    private static Throwable unwrap(CompletableFuture<?> f) {
        try {
            f.get();
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aHostThatNobodyAnswersFailsTheCall() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(1);
        try {
            Machine machine = new Machine(new Store());
            Extern yielding = machine.store().yieldingFunction("ask", I32_TO_I32);
            Instance inst = machine.instantiate(compile("""
                    (module (import "env" "ask" (func $ask (param i32) (result i32)))
                      (func (export "f") (param i32) (result i32) local.get 0 call $ask))"""), (m, n) -> yielding);
            AsyncMachine async = new AsyncMachine(machine, pool);
            assertThatThrownBy(() -> async.callAsync(inst.exportedFunction("f"), 1).get(30, TimeUnit.SECONDS))
                    .cause().isInstanceOf(Trap.class).hasMessageContaining("cannot answer");
            assertThat(machine.isActive()).isFalse();
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The scale: 10,000 calls in flight at once, each awaiting four timer-completed futures (with a
     * synchronous import in the chain), continued on a 2-thread executor. One machine per concurrent
     * call; no thread ever waits for a future. The first await of every call is held until all the
     * calls have started, so all 10,000 are certainly suspended at the same time.
     */
    @Test
    void tenThousandConcurrentCallsOnTwoThreads() throws Exception {
        int calls = 10_000;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        AtomicInteger pending = new AtomicInteger();
        AtomicInteger maxPending = new AtomicInteger();
        CompletableFuture<Void> go = new CompletableFuture<>();
        AsyncHostFunction doubler = (ctx, args) -> {
            maxPending.accumulateAndGet(pending.incrementAndGet(), Math::max);
            return go.thenCompose(v -> later(2 * args[0], 20)).whenComplete((r, e) -> pending.decrementAndGet());
        };
        Limits small = new Limits(1, 100, 1000, 1024);
        try {
            long start = System.nanoTime();
            List<CompletableFuture<long[]>> results = new ArrayList<>(calls);
            for (int i = 0; i < calls; i++) {
                Machine machine = new Machine(new Store(small));
                Instance inst = instantiate(machine, doubler);
                results.add(new AsyncMachine(machine, pool).callAsync(inst.exportedFunction("three"), i));
            }
            // every call reaches its first await, where it waits without a thread
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (pending.get() < calls && System.nanoTime() < deadline) Thread.sleep(5);
            assertThat(pending.get()).as("calls suspended at once").isEqualTo(calls);
            go.complete(null);
            CompletableFuture.allOf(results.toArray(new CompletableFuture[0])).get(120, TimeUnit.SECONDS);
            for (int i = 0; i < calls; i++) assertThat(results.get(i).get()[0]).isEqualTo(2L * (4L * i + 1));
            long millis = (System.nanoTime() - start) / 1_000_000;
            System.out.println("async scale: " + calls + " calls x 4 awaits on 2 threads in " + millis + " ms, "
                    + maxPending.get() + " host futures pending at most");
            assertThat(maxPending.get()).isEqualTo(calls);
            assertThat(pending.get()).isZero();
        } finally {
            pool.shutdownNow();
        }
    }
}
