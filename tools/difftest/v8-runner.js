// Runs WebAssembly modules on V8 for Lia's differential test (DifferentialMain).
// Reads one JSON request per line on stdin:
//   {"file": "...wasm", "globals": {"extern$": "null"}, "calls": [{"name": "f", "args": [{"t":"i32","v":"0"}], "results": ["i32"]}]}
// ("globals": the values of the module's __fuzz_import globals, as Lia's side gives them: "null", "extern"
// for a non-null externref, or a number type's zero)
// and answers one JSON line: {"events": ["call f", "log i32:3", "ret i32:1", "trap:unreachable", ...]}
// in exactly the form the Java side produces, so the two can be compared as strings.
'use strict';
const fs = require('fs');
const readline = require('readline');

const buf = new ArrayBuffer(8);
const view = new DataView(buf);

function f32Text(x) {
  if (Number.isNaN(x)) return 'f32:nan';
  view.setFloat32(0, x, true);
  return 'f32:' + view.getUint32(0, true).toString(16);
}
function f64Text(x) {
  if (Number.isNaN(x)) return 'f64:nan';
  view.setFloat64(0, x, true);
  return 'f64:' + view.getBigUint64(0, true).toString(16);
}
function valueText(t, x) {
  switch (t) {
    case 'i32': return 'i32:' + (x | 0);
    case 'i64': return 'i64:' + BigInt.asIntN(64, x).toString();
    case 'f32': return f32Text(x);
    case 'f64': return f64Text(x);
    default: return refText(x);
  }
}
// a reference as JavaScript sees it: null, an i31 (a number), or anything else non-null (Call.refText)
function refText(x) {
  if (x === null) return 'ref:null';
  if (typeof x === 'number') return 'ref:i31:' + x;
  return 'ref:nonnull';
}
function arg(a) {
  switch (a.t) {
    case 'i32': return Number(a.v) | 0;
    case 'i64': return BigInt(a.v);
    case 'f32': view.setUint32(0, Number(BigInt('0x' + a.v)), true); return view.getFloat32(0, true);
    case 'f64': view.setBigUint64(0, BigInt('0x' + a.v), true); return view.getFloat64(0, true);
    default: return null;
  }
}
function trapClass(e) {
  if (!(e instanceof Error) && !(e instanceof WebAssembly.Exception)) return 'exception:js'; // a JSTag payload thrown by wasm
  if (e instanceof RangeError && /call stack/i.test(e.message)) return 'trap:stack';
  // exceptions no wasm code caught: a wasm tag's, or JavaScript's (thrown by the throw import, or the
  // TypeError of a v128 passed to JavaScript); Lia's side tells them apart by the harness's own tag
  if (e instanceof WebAssembly.Exception) return 'exception:wasm';
  if (e instanceof WebAssembly.LinkError || e instanceof WebAssembly.CompileError) return 'error:' + e.constructor.name + ':' + e.message;
  if (e instanceof Error && !(e instanceof WebAssembly.RuntimeError)) return 'exception:js';
  if (!(e instanceof WebAssembly.RuntimeError)) return 'error:' + e.constructor.name + ':' + e.message;
  const m = e.message;
  if (/unreachable/.test(m)) return 'trap:unreachable';
  if (/memory access out of bounds|data segment/.test(m)) return 'trap:memory';
  if (/divide by zero|remainder by zero/.test(m)) return 'trap:div0';
  if (/float unrepresentable|invalid conversion/.test(m)) return 'trap:float-to-int';
  if (/integer overflow|divide result unrepresentable/.test(m)) return 'trap:overflow';
  if (/table|function signature|null function|element segment|invalid index/.test(m)) return 'trap:table';
  if (/rethrowing null value/.test(m)) return 'trap:null-exnref';
  // GC and typed function references
  if (/illegal cast/.test(m)) return 'trap:cast';
  if (/dereferencing a null pointer|null/.test(m)) return 'trap:null';
  if (/array element access out of bounds/.test(m)) return 'trap:array';
  // an implementation's limit: V8 caps an array's length, Lia the GC heap (LiaSide.trapClass)
  if (/requested new array is too large/.test(m)) return 'trap:resource-limit';
  return 'trap:other:' + m;
}

const wasmtag = new WebAssembly.Tag({ parameters: ['i32'] });
// the non-null externref of a __fuzz_import global (LiaSide.GLOBAL_EXTERN)
const externValue = { lia: 'a __fuzz_import global' };

function run(req) {
  const events = [];
  let instance;
  const log = t => x => { events.push('log ' + valueText(t, x)); };
  const imports = {
    'fuzzing-support': {
      'log-i32': log('i32'), 'log-i64': log('i64'), 'log-f32': log('f32'), 'log-f64': log('f64'),
      'log-anyref': log('ref'), 'log-funcref': log('ref'), 'log-externref': log('ref'), 'log-eqref': log('ref'),
      // binaryen 132's harness imports, answered as Lia's side (LiaSide.HARNESS) answers them: a call of
      // log-v128 never arrives (V8 throws a TypeError at the boundary), throw throws a JavaScript error,
      // the others do not call back into wasm
      'log-v128': () => {},
      // throw(0) throws a JavaScript error, throw(x) an exception of wasmtag with payload x
      'throw': x => { throw x === 0 ? new Error('thrown by the throw import') : new WebAssembly.Exception(wasmtag, [x]); },
      'table-get': () => null,
      'table-set': () => {},
      'wasmtag': wasmtag,
      'jstag': WebAssembly.JSTag,
      'call-export': () => {},
      'call-export-catch': () => 0,
      'call-ref': () => {},
      'call-ref-catch': () => 0,
      'sleep': (ms, id) => id,
    },
  };
  try {
    const module = new WebAssembly.Module(fs.readFileSync(req.file));
    // binaryen 132 imports globals from __fuzz_import (extern$ ...): the values Lia's side gives them
    const globals = req.globals || {};
    for (const imp of WebAssembly.Module.imports(module)) {
      if (imp.module !== '__fuzz_import' || imp.kind !== 'global') continue;
      const g = globals[imp.name];
      (imports.__fuzz_import ??= {})[imp.name] = g === 'extern' ? externValue : g === 'i64' ? 0n : g === 'null' || g === undefined ? null : 0;
    }
    instance = new WebAssembly.Instance(module, imports);
  } catch (e) {
    events.push((e instanceof WebAssembly.CompileError ? 'invalid' : 'instantiate ') + trapClass(e));
    return events;
  }
  for (const c of req.calls) {
    events.push('call ' + c.name);
    try {
      const r = instance.exports[c.name](...c.args.map(arg));
      if (c.results.length === 0) events.push('ret');
      else if (c.results.length === 1) events.push('ret ' + valueText(c.results[0], r));
      else events.push('ret ' + c.results.map((t, i) => valueText(t, r[i])).join(' '));
    } catch (e) {
      events.push(trapClass(e));
    }
  }
  return events;
}

const rl = readline.createInterface({ input: process.stdin, terminal: false });
rl.on('line', line => {
  if (!line.trim()) return;
  let events;
  try {
    events = run(JSON.parse(line));
  } catch (e) {
    events = ['error:runner:' + e.message];
  }
  process.stdout.write(JSON.stringify({ events }) + '\n');
});
