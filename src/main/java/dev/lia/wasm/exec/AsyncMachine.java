package dev.lia.wasm.exec;

import dev.lia.wasm.Trap;
import dev.lia.wasm.runtime.AsyncHostFunction;
import dev.lia.wasm.runtime.FunctionInstance;
import dev.lia.wasm.runtime.HostContext;
import dev.lia.wasm.runtime.HostFunctionInstance;
import dev.lia.wasm.runtime.Instance;
import dev.lia.wasm.syntax.ValType;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Asynchronous calls on a {@link Machine}: {@link #callAsync} returns a future of the results at once.
 * When wasm calls an asynchronous host function ({@link dev.lia.wasm.runtime.Store#asyncFunction})
 * the machine suspends in the host call and no thread waits: when the host's future completes,
 * execution continues on the executor the embedder chose. Synchronous host functions are called
 * inline as usual, so both kinds mix freely in one call chain.
 *
 * <p>A machine runs one call chain at a time, because its activations nest like a stack (and the
 * program's memory is shared: interleaving two C calls would mix their shadow stacks). Calls made
 * with {@link #callAsync} therefore queue up and run one after another; a call made through the
 * {@link HostContext} of a pending host call (re-entrant: an async import calling an export) runs
 * nested above it, before it continues. For calls that should really run at the same time, use one
 * machine (with its own store and instance) per concurrent call: a suspended machine holds no thread,
 * so thousands of them cost only their memory.
 *
 * <p>All work on the machine happens in tasks on the executor, one at a time (any thread may call
 * {@link #callAsync}). The machine must not be driven by anything else meanwhile. A call whose chain
 * reaches a yielding host function (no implementation), runs out of fuel or pauses in a debugger fails.
 */
public final class AsyncMachine {
    private final Machine machine;
    private final Executor executor;
    private final ConcurrentLinkedQueue<Runnable> mailbox = new ConcurrentLinkedQueue<>();
    private final AtomicInteger wip = new AtomicInteger();

    // Touched only by drain(), which never runs twice at once.
    /** Calls from outside waiting for the machine. */
    private final ArrayDeque<Call> queue = new ArrayDeque<>();
    /** Calls with an activation on the machine, innermost last; all but the last wait on an async host call. */
    private final ArrayDeque<Call> active = new ArrayDeque<>();

    public AsyncMachine(Machine machine, Executor executor) {
        this.machine = machine;
        this.executor = executor;
    }

    public Machine machine() {
        return machine;
    }

    /**
     * Calls a function; the future completes with its raw results on the executor, or exceptionally
     * with the {@link Trap} (or host failure) that ended it. Calls queue up behind those already made.
     */
    public CompletableFuture<long[]> callAsync(FunctionInstance function, long... args) {
        if (args.length != function.type().paramSlots()) {
            throw new IllegalArgumentException("expected " + function.type().paramSlots() + " arguments, got " + args.length);
        }
        Call c = new Call(function, args.clone());
        post(() -> queue.add(c));
        return c.result;
    }

    /** One call: from outside, or made through a host call's context. */
    private static final class Call {
        final FunctionInstance function;
        final long[] args;
        final CompletableFuture<long[]> result = new CompletableFuture<>();
        /** Calls the pending host call made back into wasm, to run above this call's activation. */
        final ArrayDeque<Call> nested = new ArrayDeque<>();
        /** The host call this call's activation waits on, or null. */
        Context pending;
        boolean answered;
        long[] answer;
        Throwable failure;

        Call(FunctionInstance function, long[] args) {
            this.function = function;
            this.args = args;
        }
    }

    /** The context of one pending async host call. */
    private final class Context implements HostContext {
        final Call owner;
        final HostFunctionInstance host;
        final Instance caller;
        /** Cleared when the host call has been answered; written and read only in drain(). */
        boolean live = true;

        Context(Call owner, HostFunctionInstance host, Instance caller) {
            this.owner = owner;
            this.host = host;
            this.caller = caller;
        }

        @Override
        public Instance caller() {
            return caller;
        }

        @Override
        public CompletableFuture<long[]> call(FunctionInstance function, long... args) {
            if (args.length != function.type().paramSlots()) {
                return CompletableFuture.failedFuture(new IllegalArgumentException(
                        "expected " + function.type().paramSlots() + " arguments, got " + args.length));
            }
            Call c = new Call(function, args.clone());
            post(() -> {
                if (live) owner.nested.add(c);
                else c.result.completeExceptionally(new IllegalStateException(
                        "host function " + host.name() + " has already answered: call back into wasm while the call is pending"));
            });
            return c.result;
        }
    }

    private void post(Runnable r) {
        mailbox.add(r);
        if (wip.getAndIncrement() == 0) executor.execute(this::drain);
    }

    /** Runs the mailbox and then the machine as far as it can go; the wip counter keeps this single-threaded. */
    private void drain() {
        int missed = 1;
        while (true) {
            Runnable r;
            while ((r = mailbox.poll()) != null) r.run();
            pump();
            missed = wip.addAndGet(-missed);
            if (missed == 0) return;
        }
    }

    private void pump() {
        while (true) {
            Call top = active.peekLast();
            if (top == null) {
                Call next = queue.poll();
                if (next == null) return;
                begin(next);
            } else if (!top.nested.isEmpty()) {
                begin(top.nested.poll());
            } else if (top.answered) {
                answer(top);
            } else {
                return; // waiting for a host's future
            }
        }
    }

    /** Starts a call: an activation above the current ones. */
    private void begin(Call c) {
        if (c.function instanceof HostFunctionInstance host) { // a host function called directly
            callHostDirectly(c, host);
            return;
        }
        try {
            machine.start(c.function, c.args);
        } catch (RuntimeException | Error e) {
            fail(c, e);
            return;
        }
        active.addLast(c);
        MachineOutcome o;
        try {
            o = machine.run();
        } catch (RuntimeException | Error e) { // the machine has ended the activation
            active.removeLast();
            fail(c, e);
            return;
        }
        handle(c, o);
    }

    private void callHostDirectly(Call c, HostFunctionInstance host) {
        AsyncHostFunction async = host.asyncImplementation();
        if (async == null) {
            try {
                c.result.complete(machine.invoke(host, c.args));
            } catch (RuntimeException | Error e) {
                fail(c, e);
            }
            return;
        }
        HostContext context = new HostContext() {
            @Override
            public Instance caller() {
                return null;
            }

            @Override
            public CompletableFuture<long[]> call(FunctionInstance function, long... args) {
                return callAsync(function, args);
            }
        };
        CompletableFuture<long[]> f;
        try {
            f = async.call(context, c.args);
        } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
        }
        f.whenComplete((r, e) -> post(() -> {
            if (e != null) fail(c, unwrap(e));
            else {
                try {
                    c.result.complete(normalize(r, host));
                } catch (Trap t) {
                    fail(c, t);
                }
            }
        }));
    }

    /** What a run or resume of the top call's activation ended with. */
    private void handle(Call c, MachineOutcome o) {
        if (o instanceof MachineOutcome.Done d) {
            active.removeLast();
            c.result.complete(d.results());
            return;
        }
        if (o instanceof MachineOutcome.HostCall call && call.function().asyncImplementation() != null) {
            Context context = new Context(c, call.function(), call.caller());
            c.pending = context;
            CompletableFuture<long[]> f;
            try {
                f = call.function().asyncImplementation().call(context, call.args());
                if (f == null) throw new NullPointerException("host function " + call.function().name() + " returned no future");
            } catch (RuntimeException e) {
                f = CompletableFuture.failedFuture(e);
            }
            f.whenComplete((r, e) -> post(() -> {
                c.answer = r;
                c.failure = e == null ? null : unwrap(e);
                c.answered = true;
            }));
            return;
        }
        RuntimeException why = o instanceof MachineOutcome.HostCall call
                ? new NoDriverTrap(call.function().name())
                : new IllegalStateException("the machine stopped: " + o + " (an async call cannot go on)");
        machine.abort();
        active.removeLast();
        fail(c, why);
    }

    /** Continues the top call with its host call's answer. */
    private void answer(Call c) {
        Context context = c.pending;
        c.pending = null;
        c.answered = false;
        context.live = false;
        Throwable failure = c.failure;
        long[] results = null;
        if (failure == null) {
            try {
                results = normalize(c.answer, context.host);
            } catch (Trap t) {
                failure = t;
            }
        }
        c.answer = null;
        c.failure = null;
        if (failure instanceof dev.lia.wasm.runtime.ThrownException x) { // a wasm exception: raised at the call
            MachineOutcome o;
            try {
                o = machine.resumeThrowing(x);
            } catch (RuntimeException | Error e) {
                active.removeLast();
                fail(c, e);
                return;
            }
            handle(c, o);
            return;
        }
        if (failure != null) { // the host failed: the call ends as with a failing synchronous host
            machine.abort();
            active.removeLast();
            fail(c, failure);
            return;
        }
        MachineOutcome o;
        try {
            o = machine.resume(results);
        } catch (RuntimeException | Error e) {
            active.removeLast();
            fail(c, e);
            return;
        }
        handle(c, o);
    }

    private static void fail(Call c, Throwable e) {
        c.result.completeExceptionally(e);
    }

    private static Throwable unwrap(Throwable e) {
        while (e instanceof CompletionException && e.getCause() != null) e = e.getCause();
        return e;
    }

    private static long[] normalize(long[] results, HostFunctionInstance f) {
        List<ValType> types = f.type().results();
        if (results == null || results.length != f.type().resultSlots()) {
            throw new Trap("host function " + f.name() + " returned " + (results == null ? 0 : results.length)
                    + " values, expected " + f.type().resultSlots());
        }
        return SimdOps.normalize(results.clone(), types);
    }
}
