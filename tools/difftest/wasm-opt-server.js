// One long-lived wasm-opt for Lia's differential test (dev.lia.difftest.Generator): binaryen's npm
// wasm-opt is an Emscripten build whose start-up (compiling ~10 MB of wasm, node itself) costs far
// more than generating a module. Here its wasm is compiled once; each request runs a fresh copy of
// the Emscripten glue over a fresh instance of that compiled module, so no state carries over from
// one run to the next (the same as a new process), and files are read and written directly (NODERAWFS).
//
//   node wasm-opt-server.js PATH/TO/binaryen/bin/wasm-opt
// reads one JSON array of wasm-opt arguments per line on stdin and answers one JSON line per request:
//   {"code": EXIT_STATUS, "err": "what wasm-opt wrote to stderr (cut to 2,000 characters)"}
'use strict';
const fs = require('fs');
const path = require('path');
const vm = require('vm');
const readline = require('readline');

const scriptPath = path.resolve(process.argv[2]);
let source = fs.readFileSync(scriptPath, 'utf8');
if (source.startsWith('#!')) source = '//' + source.slice(2);
// a handle on the glue's own decoder of the embedded wasm, so that the first run can compile it once
const FIND = 'function findWasmBinary(){';
if (!source.includes(FIND)) throw new Error('wasm-opt-server: no embedded wasm binary in ' + scriptPath);
source = source.replace(FIND, 'Module.__findWasmBinary=()=>findWasmBinary();' + FIND);
// the glue as a function of the names a CommonJS module sees, plus the Emscripten Module object
const glue = new vm.Script('(function (require, module, __filename, __dirname, Module) {' + source + '\n})',
  { filename: scriptPath }).runInThisContext();

let compiled = null;

function runOnce(args) {
  return new Promise(resolve => {
    const err = [];
    let done = false;
    const savedArgv = process.argv;
    const savedExitCode = process.exitCode;
    // once per run: the exit status goes back to what this process had
    const finish = code => {
      if (done) return;
      done = true;
      process.exitCode = savedExitCode;
      resolve({ code, err: err.join('\n').slice(0, 2000) });
    };
    const Module = {
      print: () => {},
      printErr: s => err.push(s),
      // main's return and exit() both end in the glue's quit, which sets process.exitCode; then postRun
      postRun: [() => finish(process.exitCode ?? 0)],
      onExit: code => finish(code),
      onAbort: what => { err.push('abort: ' + what); finish(-1); },
      instantiateWasm(imports, receive) {
        if (compiled === null) compiled = new WebAssembly.Module(Module.__findWasmBinary());
        receive(new WebAssembly.Instance(compiled, imports));
        return {};
      },
    };
    process.exitCode = 0;
    process.argv = [process.argv[0], scriptPath, ...args]; // the glue takes its arguments from here, at once
    try {
      glue(require, { exports: {} }, scriptPath, path.dirname(scriptPath), Module);
    } catch (e) {
      if (!(e && e.name === 'ExitStatus')) err.push(String(e));
      finish(e && e.name === 'ExitStatus' ? e.status : -1);
    } finally {
      process.argv = savedArgv;
    }
  });
}

process.on('uncaughtException', e => { if (!(e && e.name === 'ExitStatus')) process.stderr.write('wasm-opt-server: ' + e + '\n'); });
process.on('unhandledRejection', e => { if (!(e && e.name === 'ExitStatus')) process.stderr.write('wasm-opt-server: ' + e + '\n'); });

const queue = [];
let busy = false;
async function drain() {
  if (busy) return;
  busy = true;
  while (queue.length > 0) {
    const line = queue.shift();
    let answer;
    try {
      answer = await runOnce(JSON.parse(line));
    } catch (e) {
      answer = { code: -1, err: 'wasm-opt-server: ' + e };
    }
    process.stdout.write(JSON.stringify(answer) + '\n');
  }
  busy = false;
}

readline.createInterface({ input: process.stdin, terminal: false }).on('line', line => {
  if (!line.trim()) return;
  queue.push(line);
  drain();
});
