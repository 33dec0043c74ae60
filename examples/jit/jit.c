/* jit.c - a tiny language with an interpreter that compiles its hot functions to WebAssembly.
 *
 * The language is a small Lisp over i32 values:
 *
 *   (def NAME (PARAM...) EXPR...)        a function of up to 4 parameters; the value of the last EXPR
 *   123  -7  NAME                        integer literals; a parameter or local variable
 *   (set NAME EXPR)                      assigns (declaring a local on first use); gives the value
 *   (+ a b) - * / % & | ^ << >>          wasm's i32 arithmetic (/ and % trap on zero, as wasm does)
 *   (< a b) <= > >= = !=                 signed comparisons, 1 or 0
 *   (if c then else)  (while c EXPR...)  (do EXPR...)   while gives 0
 *   (load a) (store a v) (load8 a) (store8 a v)          linear memory, 32 and 8 bits; stores give v
 *   (heap)                               the address of a 1 MiB scratch area
 *   (f args...)                          a call
 *
 * The interpreter walks the syntax tree. Every call and every loop iteration counts towards the
 * "heat" of the function it runs in. jit_compile(threshold) writes a WebAssembly module holding one
 * function per hot function (not compiled yet) and returns its address; jit_size() is its length.
 * The host instantiates that module with this module's memory and function table as its imports
 * (env.memory, env.__indirect_function_table); its start function grows the table by one slot per
 * function, puts the function there and writes the slot number into the function's record in
 * memory. From then on the interpreter calls the compiled code through a function pointer, and
 * compiled code calls functions that are still interpreted through the interpreter's entry point.
 *
 * Build (see build.sh): clang-19 --target=wasm32-wasi -mexec-model=reactor -O2
 *        -Wl,--growable-table -Wl,--export-table -o jit.wasm jit.c
 * It uses no libc I/O, so the module has no imports.
 */
#include <stdint.h>
#include <string.h>
#include <stdlib.h>

#define EXPORT(name) __attribute__((export_name(#name)))

enum { MAX_NODES = 1 << 14, MAX_LIST = 1 << 14, MAX_FUNCS = 64, MAX_LOCALS = 16, MAX_PARAMS = 4, NAME_LEN = 24 };

/* ------------------------------------------------------------------ the syntax tree */

enum Kind { K_NUM, K_VAR, K_SET, K_BIN, K_IF, K_WHILE, K_DO, K_CALL, K_LOAD, K_STORE, K_LOAD8, K_STORE8, K_HEAP };
enum Bin { B_ADD, B_SUB, B_MUL, B_DIV, B_REM, B_AND, B_OR, B_XOR, B_SHL, B_SHR, B_LT, B_LE, B_GT, B_GE, B_EQ, B_NE };

static const char *const bin_names[] = {"+", "-", "*", "/", "%", "&", "|", "^", "<<", ">>", "<", "<=", ">", ">=", "=", "!="};
/* the wasm opcode of each operator */
static const uint8_t bin_opcodes[] = {0x6a, 0x6b, 0x6c, 0x6d, 0x6f, 0x71, 0x72, 0x73, 0x74, 0x75, 0x48, 0x4c, 0x4a, 0x4e, 0x46, 0x47};

typedef struct {
    uint8_t kind, op;
    int32_t value;      /* K_NUM: the number; K_VAR, K_SET: the local; K_CALL: the callee */
    int32_t a, b, c;    /* children */
    int32_t list, n;    /* K_DO, K_WHILE body, K_CALL arguments: n node indices from lists[list] */
} Node;

typedef struct {
    char name[NAME_LEN];
    int32_t defined, nparams, nlocals, body;
    char locals[MAX_LOCALS][NAME_LEN];
    uint32_t heat;      /* calls plus loop iterations, while interpreted */
    int32_t jit;        /* table slot of the compiled code, 0 while interpreted; set by the module's start function */
} Func;

static Node nodes[MAX_NODES];
static int32_t lists[MAX_LIST];
static Func funcs[MAX_FUNCS];
static int32_t node_count, list_count, func_count;
static uint8_t heap[1 << 20];

/* ------------------------------------------------------------------ the reader */

static const char *src, *src_end;
static int32_t parse_error; /* 0, or the 1-based offset of the first error */
static const char *src_start;

static void fail_at(const char *p) {
    if (!parse_error) parse_error = (int32_t)(p - src_start) + 1;
}

static void skip_space(void) {
    while (src < src_end) {
        if (*src == ';') {
            while (src < src_end && *src != '\n') src++;
        } else if (*src == ' ' || *src == '\n' || *src == '\t' || *src == '\r') {
            src++;
        } else {
            break;
        }
    }
}

static int is_delim(char c) {
    return c == '(' || c == ')' || c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == ';';
}

/* Reads an atom into buf; returns its length (0 if none). */
static int atom(char *buf) {
    skip_space();
    int n = 0;
    while (src < src_end && !is_delim(*src)) {
        if (n < NAME_LEN - 1) buf[n++] = *src;
        else fail_at(src);
        src++;
    }
    buf[n] = 0;
    return n;
}

static int expect(char c) {
    skip_space();
    if (src < src_end && *src == c) {
        src++;
        return 1;
    }
    fail_at(src);
    return 0;
}

static int peek(char c) {
    skip_space();
    return src < src_end && *src == c;
}

static int32_t new_node(uint8_t kind) {
    if (node_count == MAX_NODES) {
        fail_at(src);
        return 0;
    }
    Node *n = &nodes[node_count];
    memset(n, 0, sizeof *n);
    n->kind = kind;
    return node_count++;
}

static int32_t find_func(const char *name) {
    for (int32_t i = 0; i < func_count; i++) if (!strcmp(funcs[i].name, name)) return i;
    if (func_count == MAX_FUNCS) return -1;
    memset(&funcs[func_count], 0, sizeof(Func));
    strcpy(funcs[func_count].name, name);
    return func_count++;
}

static int32_t find_local(Func *f, const char *name, int declare) {
    for (int32_t i = 0; i < f->nlocals; i++) if (!strcmp(f->locals[i], name)) return i;
    if (!declare || f->nlocals == MAX_LOCALS) return -1;
    strcpy(f->locals[f->nlocals], name);
    return f->nlocals++;
}

static int is_number(const char *s) {
    if (*s == '-') s++;
    if (!*s) return 0;
    for (; *s; s++) if (*s < '0' || *s > '9') return 0;
    return 1;
}

static int32_t to_number(const char *s) {
    int neg = *s == '-';
    uint32_t v = 0;
    for (s += neg; *s; s++) v = v * 10 + (uint32_t)(*s - '0');
    return (int32_t)(neg ? 0u - v : v);
}

static int32_t expr(Func *f);

/* Reads expressions up to the closing parenthesis into the list pool; returns where they start. */
static int32_t expr_list(Func *f, int32_t *count) {
    int32_t tmp[64];
    int32_t n = 0;
    while (!peek(')') && src < src_end && !parse_error) {
        int32_t e = expr(f);
        if (n < 64) tmp[n++] = e;
        else fail_at(src);
    }
    if (list_count + n > MAX_LIST) {
        fail_at(src);
        n = 0;
    }
    int32_t at = list_count;
    for (int32_t i = 0; i < n; i++) lists[list_count++] = tmp[i];
    *count = n;
    return at;
}

static int32_t expr(Func *f) {
    char word[NAME_LEN];
    const char *at = src;
    if (!peek('(')) {
        if (!atom(word)) {
            fail_at(src);
            return new_node(K_NUM);
        }
        if (is_number(word)) {
            int32_t n = new_node(K_NUM);
            nodes[n].value = to_number(word);
            return n;
        }
        int32_t n = new_node(K_VAR);
        nodes[n].value = find_local(f, word, 0);
        if (nodes[n].value < 0) fail_at(at);
        return n;
    }
    expect('(');
    atom(word);
    int32_t n;
    for (int b = 0; b < (int)(sizeof bin_names / sizeof *bin_names); b++) {
        if (!strcmp(word, bin_names[b])) {
            n = new_node(K_BIN);
            nodes[n].op = (uint8_t)b;
            int32_t l = expr(f);
            int32_t r = expr(f);
            nodes[n].a = l;
            nodes[n].b = r;
            expect(')');
            return n;
        }
    }
    if (!strcmp(word, "set")) {
        char var[NAME_LEN];
        atom(var);
        n = new_node(K_SET);
        nodes[n].value = find_local(f, var, 1);
        if (nodes[n].value < 0) fail_at(at);
        int32_t v = expr(f);
        nodes[n].a = v;
    } else if (!strcmp(word, "if")) {
        n = new_node(K_IF);
        int32_t c = expr(f), t = expr(f), e = expr(f);
        nodes[n].a = c;
        nodes[n].b = t;
        nodes[n].c = e;
    } else if (!strcmp(word, "while")) {
        n = new_node(K_WHILE);
        int32_t c = expr(f);
        int32_t count;
        int32_t list = expr_list(f, &count);
        nodes[n].a = c;
        nodes[n].list = list;
        nodes[n].n = count;
    } else if (!strcmp(word, "do")) {
        n = new_node(K_DO);
        int32_t count;
        int32_t list = expr_list(f, &count);
        nodes[n].list = list;
        nodes[n].n = count;
    } else if (!strcmp(word, "load") || !strcmp(word, "load8")) {
        n = new_node(word[4] ? K_LOAD8 : K_LOAD);
        int32_t a = expr(f);
        nodes[n].a = a;
    } else if (!strcmp(word, "store") || !strcmp(word, "store8")) {
        n = new_node(word[5] ? K_STORE8 : K_STORE);
        int32_t a = expr(f), v = expr(f);
        nodes[n].a = a;
        nodes[n].b = v;
    } else if (!strcmp(word, "heap")) {
        n = new_node(K_HEAP);
    } else {
        n = new_node(K_CALL);
        int32_t callee = find_func(word);
        int32_t count;
        int32_t list = expr_list(f, &count);
        nodes[n].value = callee;
        nodes[n].list = list;
        nodes[n].n = count;
        if (callee < 0 || count > MAX_PARAMS) fail_at(at);
    }
    expect(')');
    return n;
}

static void definition(void) {
    char word[NAME_LEN];
    const char *at = src;
    expect('(');
    atom(word);
    if (strcmp(word, "def")) fail_at(at);
    atom(word);
    int32_t fi = find_func(word);
    if (fi < 0 || funcs[fi].defined) {
        fail_at(at);
        return;
    }
    Func *f = &funcs[fi];
    f->defined = 1;
    expect('(');
    while (!peek(')') && src < src_end && !parse_error) {
        atom(word);
        if (f->nparams == MAX_PARAMS || find_local(f, word, 0) >= 0) fail_at(at);
        find_local(f, word, 1);
        f->nparams++;
    }
    expect(')');
    int32_t count;
    int32_t list = expr_list(f, &count);
    f->body = new_node(K_DO);
    nodes[f->body].list = list;
    nodes[f->body].n = count;
    expect(')');
}

/* Reads a program, replacing the loaded one. Returns the number of functions, or -(offset) of the first error. */
EXPORT(load) int32_t load(const char *text, int32_t len) {
    node_count = list_count = func_count = 0;
    parse_error = 0;
    src = src_start = text;
    src_end = text + len;
    skip_space();
    while (src < src_end && !parse_error) {
        definition();
        skip_space();
    }
    for (int32_t i = 0; i < func_count && !parse_error; i++) if (!funcs[i].defined) parse_error = len + 1;
    if (parse_error) {
        func_count = 0;
        return -parse_error;
    }
    return func_count;
}

/* Room for a program's text, for a host that writes one into memory. */
EXPORT(alloc) void *alloc(int32_t size) {
    return malloc((size_t)size);
}

static const char builtin[] =
    "(def fib (n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2)))))\n"
    "(def sieve (n)\n"
    "  (set i 2)\n"
    "  (while (< i n) (store8 (+ (heap) i) 1) (set i (+ i 1)))\n"
    "  (set i 2) (set count 0)\n"
    "  (while (< i n)\n"
    "    (if (load8 (+ (heap) i))\n"
    "        (do (set count (+ count 1))\n"
    "            (set j (* i i))\n"
    "            (while (< j n) (store8 (+ (heap) j) 0) (set j (+ j i))))\n"
    "        0)\n"
    "    (set i (+ i 1)))\n"
    "  count)\n"
    "(def collatz (n)\n"
    "  (set total 0) (set k 1)\n"
    "  (while (<= k n)\n"
    "    (set x k)\n"
    "    (while (!= x 1)\n"
    "      (set x (if (= (& x 1) 0) (/ x 2) (+ (* 3 x) 1)))\n"
    "      (set total (+ total 1)))\n"
    "    (set k (+ k 1)))\n"
    "  total)\n"
    "(def main (n) (+ (* 1000003 (fib n)) (^ (sieve (* n 1000)) (collatz (* n 100)))))\n";

/* Loads the built-in benchmark: main(n) mixes fib(n), the primes below 1000n and Collatz up to 100n. */
EXPORT(load_builtin) int32_t load_builtin(void) {
    return load(builtin, (int32_t)sizeof builtin - 1);
}

/* ------------------------------------------------------------------ the interpreter */

typedef int32_t (*compiled_fn)(int32_t, int32_t, int32_t, int32_t);

static Func *current;

static int32_t call_function(int32_t f, int32_t a0, int32_t a1, int32_t a2, int32_t a3);

static int32_t binary(int op, int32_t l, int32_t r) {
    uint32_t a = (uint32_t)l, b = (uint32_t)r;
    switch (op) {
        case B_ADD: return (int32_t)(a + b);
        case B_SUB: return (int32_t)(a - b);
        case B_MUL: return (int32_t)(a * b);
        case B_DIV:
            if (r == 0 || (l == INT32_MIN && r == -1)) __builtin_trap();
            return l / r;
        case B_REM:
            if (r == 0) __builtin_trap();
            return r == -1 ? 0 : l % r;
        case B_AND: return (int32_t)(a & b);
        case B_OR: return (int32_t)(a | b);
        case B_XOR: return (int32_t)(a ^ b);
        case B_SHL: return (int32_t)(a << (b & 31));
        case B_SHR: return l >> (b & 31);
        case B_LT: return l < r;
        case B_LE: return l <= r;
        case B_GT: return l > r;
        case B_GE: return l >= r;
        case B_EQ: return l == r;
        default: return l != r;
    }
}

static int32_t eval(int32_t at, int32_t *env) {
    const Node *x = &nodes[at];
    switch (x->kind) {
        case K_NUM: return x->value;
        case K_VAR: return env[x->value];
        case K_SET: return env[x->value] = eval(x->a, env);
        case K_BIN: {
            int32_t l = eval(x->a, env);
            return binary(x->op, l, eval(x->b, env));
        }
        case K_IF: return eval(x->a, env) ? eval(x->b, env) : eval(x->c, env);
        case K_WHILE:
            while (eval(x->a, env)) {
                current->heat++;
                for (int32_t i = 0; i < x->n; i++) eval(lists[x->list + i], env);
            }
            return 0;
        case K_DO: {
            int32_t v = 0;
            for (int32_t i = 0; i < x->n; i++) v = eval(lists[x->list + i], env);
            return v;
        }
        case K_CALL: {
            int32_t a[MAX_PARAMS] = {0, 0, 0, 0};
            for (int32_t i = 0; i < x->n; i++) a[i] = eval(lists[x->list + i], env);
            return call_function(x->value, a[0], a[1], a[2], a[3]);
        }
        case K_LOAD: return *(volatile int32_t *)(uintptr_t)eval(x->a, env);
        case K_LOAD8: return *(volatile uint8_t *)(uintptr_t)eval(x->a, env);
        case K_STORE: {
            int32_t a = eval(x->a, env);
            int32_t v = eval(x->b, env);
            *(volatile int32_t *)(uintptr_t)a = v;
            return v;
        }
        case K_STORE8: {
            int32_t a = eval(x->a, env);
            int32_t v = eval(x->b, env);
            *(volatile uint8_t *)(uintptr_t)a = (uint8_t)v;
            return v;
        }
        default: return (int32_t)(uintptr_t)heap;
    }
}

/* Calls function f: its compiled code once a linked module installed it, else the interpreter.
 * Compiled code calls the functions that are still interpreted through this entry point. */
static int32_t call_function(int32_t f, int32_t a0, int32_t a1, int32_t a2, int32_t a3) {
    Func *fn = &funcs[f];
    if (fn->jit) return ((compiled_fn)(uintptr_t)fn->jit)(a0, a1, a2, a3);
    fn->heat++;
    int32_t env[MAX_LOCALS] = {a0, a1, a2, a3};
    Func *caller = current;
    current = fn;
    int32_t v = eval(fn->body, env);
    current = caller;
    return v;
}

/* Runs main(n) of the loaded program. */
EXPORT(run) int32_t run(int32_t n) {
    for (int32_t i = 0; i < func_count; i++) {
        if (!strcmp(funcs[i].name, "main")) return call_function(i, n, 0, 0, 0);
    }
    __builtin_trap();
}

/* How many functions run compiled code. */
EXPORT(jit_count) int32_t jit_count(void) {
    int32_t n = 0;
    for (int32_t i = 0; i < func_count; i++) n += funcs[i].jit != 0;
    return n;
}

/* The heat of function i (calls and loop iterations while interpreted). */
EXPORT(heat) int32_t heat(int32_t i) {
    return i >= 0 && i < func_count ? (int32_t)funcs[i].heat : -1;
}

/* ------------------------------------------------------------------ the compiler */

typedef struct {
    uint8_t *bytes;
    uint32_t len, cap;
} Buf;

static void put(Buf *b, uint8_t byte) {
    if (b->len == b->cap) {
        b->cap = b->cap ? b->cap * 2 : 256;
        b->bytes = realloc(b->bytes, b->cap);
        if (!b->bytes) __builtin_trap();
    }
    b->bytes[b->len++] = byte;
}

static void put_all(Buf *b, const uint8_t *bytes, uint32_t n) {
    for (uint32_t i = 0; i < n; i++) put(b, bytes[i]);
}

static void uleb(Buf *b, uint32_t v) {
    do {
        uint8_t byte = v & 0x7f;
        v >>= 7;
        put(b, byte | (v ? 0x80 : 0));
    } while (v);
}

static void sleb(Buf *b, int32_t v) {
    for (;;) {
        uint8_t byte = v & 0x7f;
        v >>= 7; /* arithmetic */
        if ((v == 0 && !(byte & 0x40)) || (v == -1 && (byte & 0x40))) {
            put(b, byte);
            return;
        }
        put(b, byte | 0x80);
    }
}

static void name(Buf *b, const char *s) {
    uint32_t n = (uint32_t)strlen(s);
    uleb(b, n);
    put_all(b, (const uint8_t *)s, n);
}

/* Appends a section (or a function body, or a subsection): its id unless negative, its size, its bytes. */
static void section(Buf *out, int id, Buf *content) {
    if (id >= 0) put(out, (uint8_t)id);
    uleb(out, content->len);
    put_all(out, content->bytes, content->len);
    content->len = 0;
}

enum { TYPE_FN = 0, TYPE_ENTRY = 1, TYPE_START = 2 };

static int32_t wasm_index[MAX_FUNCS]; /* function index in the module being generated, or -1 */
static int32_t scratch;               /* the local for store's result */

static void code(Buf *b, int32_t at) {
    const Node *x = &nodes[at];
    switch (x->kind) {
        case K_NUM:
            put(b, 0x41);
            sleb(b, x->value);
            break;
        case K_VAR:
            put(b, 0x20);
            uleb(b, (uint32_t)x->value);
            break;
        case K_SET:
            code(b, x->a);
            put(b, 0x22); /* local.tee */
            uleb(b, (uint32_t)x->value);
            break;
        case K_BIN:
            code(b, x->a);
            code(b, x->b);
            put(b, bin_opcodes[x->op]);
            break;
        case K_IF:
            code(b, x->a);
            put(b, 0x04);
            put(b, 0x7f); /* if (result i32) */
            code(b, x->b);
            put(b, 0x05);
            code(b, x->c);
            put(b, 0x0b);
            break;
        case K_WHILE:
            put(b, 0x02);
            put(b, 0x40); /* block */
            put(b, 0x03);
            put(b, 0x40); /* loop */
            code(b, x->a);
            put(b, 0x45); /* i32.eqz */
            put(b, 0x0d);
            put(b, 1); /* br_if 1: leave the block */
            for (int32_t i = 0; i < x->n; i++) {
                code(b, lists[x->list + i]);
                put(b, 0x1a); /* drop */
            }
            put(b, 0x0c);
            put(b, 0); /* br 0: again */
            put(b, 0x0b);
            put(b, 0x0b);
            put(b, 0x41);
            put(b, 0);
            break;
        case K_DO:
            if (x->n == 0) {
                put(b, 0x41);
                put(b, 0);
            }
            for (int32_t i = 0; i < x->n; i++) {
                code(b, lists[x->list + i]);
                if (i + 1 < x->n) put(b, 0x1a);
            }
            break;
        case K_CALL: {
            int32_t callee = x->value;
            int direct = wasm_index[callee] >= 0;
            int32_t slot = funcs[callee].jit;
            if (!direct && !slot) { /* still interpreted: through the interpreter's entry point */
                put(b, 0x41);
                sleb(b, callee);
            }
            for (int32_t i = 0; i < MAX_PARAMS; i++) {
                if (i < x->n) {
                    code(b, lists[x->list + i]);
                } else {
                    put(b, 0x41);
                    put(b, 0);
                }
            }
            if (direct) {
                put(b, 0x10); /* call */
                uleb(b, (uint32_t)wasm_index[callee]);
            } else {
                put(b, 0x41);
                sleb(b, slot ? slot : (int32_t)(uintptr_t)&call_function);
                put(b, 0x11); /* call_indirect type table */
                uleb(b, slot ? TYPE_FN : TYPE_ENTRY);
                put(b, 0);
            }
            break;
        }
        case K_LOAD:
        case K_LOAD8:
            code(b, x->a);
            put(b, x->kind == K_LOAD ? 0x28 : 0x2d); /* i32.load / i32.load8_u */
            put(b, x->kind == K_LOAD ? 2 : 0);        /* alignment */
            put(b, 0);                                /* offset */
            break;
        case K_STORE:
        case K_STORE8:
            code(b, x->a);
            code(b, x->b);
            put(b, 0x22);
            uleb(b, (uint32_t)scratch);
            put(b, x->kind == K_STORE ? 0x36 : 0x3a); /* i32.store / i32.store8 */
            put(b, x->kind == K_STORE ? 2 : 0);
            put(b, 0);
            put(b, 0x20);
            uleb(b, (uint32_t)scratch);
            break;
        default:
            put(b, 0x41);
            sleb(b, (int32_t)(uintptr_t)heap);
            break;
    }
}

static Buf module, sec, body;

/* Compiles every function whose heat reached the threshold and that is not compiled yet into a
 * new module; returns its address (0 when there is nothing to compile); jit_size() is its length. */
EXPORT(jit_compile) uint8_t *jit_compile(int32_t threshold) {
    int32_t chosen[MAX_FUNCS];
    int32_t count = 0;
    for (int32_t i = 0; i < func_count; i++) {
        wasm_index[i] = -1;
        if (!funcs[i].jit && funcs[i].heat >= (uint32_t)threshold) {
            wasm_index[i] = count;
            chosen[count++] = i;
        }
    }
    module.len = 0;
    if (count == 0) return 0;
    static const uint8_t header[] = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00};
    put_all(&module, header, sizeof header);

    /* types: compiled functions (i32 x4) -> i32, the interpreter's entry (i32 x5) -> i32, start () -> () */
    uleb(&sec, 3);
    for (int params = 4; params <= 5; params++) {
        put(&sec, 0x60);
        uleb(&sec, (uint32_t)params);
        for (int i = 0; i < params; i++) put(&sec, 0x7f);
        put(&sec, 1);
        put(&sec, 0x7f);
    }
    put(&sec, 0x60);
    put(&sec, 0);
    put(&sec, 0);
    section(&module, 1, &sec);

    /* imports: the running program's memory and function table */
    uleb(&sec, 2);
    name(&sec, "env");
    name(&sec, "memory");
    put(&sec, 0x02);
    put(&sec, 0x00);
    put(&sec, 0); /* memory, min 0 */
    name(&sec, "env");
    name(&sec, "__indirect_function_table");
    put(&sec, 0x01);
    put(&sec, 0x70);
    put(&sec, 0x00);
    put(&sec, 0); /* table funcref, min 0 */
    section(&module, 2, &sec);

    /* functions, then the start function */
    uleb(&sec, (uint32_t)count + 1);
    for (int32_t i = 0; i < count; i++) put(&sec, TYPE_FN);
    put(&sec, TYPE_START);
    section(&module, 3, &sec);

    uleb(&sec, (uint32_t)count);
    section(&module, 8, &sec);

    /* a declarative element segment, so that ref.func may name the functions */
    uleb(&sec, 1);
    put(&sec, 0x03);
    put(&sec, 0x00);
    uleb(&sec, (uint32_t)count);
    for (int32_t i = 0; i < count; i++) uleb(&sec, (uint32_t)i);
    section(&module, 9, &sec);

    /* code */
    uleb(&sec, (uint32_t)count + 1);
    for (int32_t i = 0; i < count; i++) {
        Func *f = &funcs[chosen[i]];
        int32_t extra = f->nlocals > MAX_PARAMS ? f->nlocals - MAX_PARAMS : 0;
        scratch = MAX_PARAMS + extra;
        uleb(&body, 1);
        uleb(&body, (uint32_t)extra + 1);
        put(&body, 0x7f);
        code(&body, f->body);
        put(&body, 0x0b);
        section(&sec, -1, &body);
    }
    /* start: for each function, slot = table.grow(ref.func i, 1); funcs[f].jit = slot */
    uleb(&body, 0);
    for (int32_t i = 0; i < count; i++) {
        put(&body, 0x41);
        sleb(&body, (int32_t)(uintptr_t)&funcs[chosen[i]].jit);
        put(&body, 0xd2);
        uleb(&body, (uint32_t)i); /* ref.func */
        put(&body, 0x41);
        put(&body, 1);
        put(&body, 0xfc);
        uleb(&body, 15);
        put(&body, 0); /* table.grow 0 */
        put(&body, 0x36);
        put(&body, 2);
        put(&body, 0); /* i32.store */
    }
    put(&body, 0x0b);
    section(&sec, -1, &body);
    section(&module, 10, &sec);

    /* names, for backtraces: jit:NAME */
    Buf names = {0};
    uleb(&names, (uint32_t)count + 1);
    for (int32_t i = 0; i <= count; i++) {
        char label[NAME_LEN + 8] = "jit:";
        strcat(label, i < count ? funcs[chosen[i]].name : "install");
        uleb(&names, (uint32_t)i);
        name(&names, label);
    }
    name(&sec, "name");
    put(&sec, 1);
    section(&sec, -1, &names);
    free(names.bytes);
    section(&module, 0, &sec);
    return module.bytes;
}

EXPORT(jit_size) int32_t jit_size(void) {
    return (int32_t)module.len;
}
