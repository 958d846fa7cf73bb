// The message protocol between a page and its kernel worker (python-worker.js).
//
// Every request carries an `id`; every message about it echoes that `id`.
// A request is answered by exactly one final message (`ready`, `result` or
// `error`); before that the worker may send any number of events.
//
// Page -> worker
//   {id, type: "init", settings: {pyodide, gzipped, stdlib, snapshot?, wheels, modules}, interruptBuffer?, inputBuffer?}
//        Load Pyodide from `settings.pyodide` (a folder URL) with the compiled standard library
//        `settings.stdlib`, restoring the memory snapshot `settings.snapshot` when there is one
//        (a cold start when it cannot be used), install the wheels, load the kernel's own Python modules.
//        `gzipped` lists the URLs of files served as `<url>.gz` (Pyodide's WebAssembly). The SharedArrayBuffers exist only where the page is
//        cross-origin isolated: `interruptBuffer` (1 byte; 2 = SIGINT) is polled by Python,
//        `inputBuffer` carries answers to input() (see INPUT_* below).
//   {id, type: "run", page, cell, code, checks?}
//        Run `code` in the namespace of `page` (one per page); then, when given, the
//        exercise `checks` (each top-level assert is one check).
//   {id, type: "forget", page}
//        Drop the namespace of `page`.
//   {type: "watch", lock}                                 no id, no answer but "alive": hold the
//        Web Lock `lock` while the worker lives, so the page learns when it dies
//
// Worker -> page
//   {type: "progress", stage, file?, loaded?, total?}   no id: start-up progress, any request
//        stage: "download" (bytes of one file), "start" (Python starting), "install" (wheels)
//   {id, type: "stream", name: "stdout"|"stderr", text}  whole lines, as they are printed
//   {id, type: "chart"|"chart-add"|"chart-update"|"table", ...}   viz.py displays (see output.js)
//   {id, type: "input", prompt}                           Python waits in input()
//   {id, type: "ready", python, installed, start}         final answer to init; start: {from: "snapshot"|"cold", reason?}
//   {id, type: "result", value, checks?}                  final answer to run/forget
//   {id, type: "error", error: {name, message, traceback}, interrupted?, stateLost?, fatal?}
//        final answer when the code raised (or when start-up failed). fatal: "memory" | "crash"
//        when Pyodide cannot go on; the page then replaces the worker.
//   {type: "alive", lock}                                 the worker holds the Web Lock `lock`
//        until it ends; see worker-client.js
//
// The transport (worker-client.js on the page, python-worker.js in the worker) only
// moves these messages; what they mean lives in python-kernel.js and python-runtime.js.

export const FINAL = new Set(["ready", "result", "error"]);

// Interrupt buffer: Python checks it between bytecodes and raises KeyboardInterrupt.
export const SIGINT = 2;

// Input buffer layout: Int32 [state, byteLength], then UTF-8 bytes of the answer.
export const INPUT_WAITING = 0;
export const INPUT_ANSWERED = 1;
export const INPUT_CANCELLED = 2;
export const INPUT_HEADER_BYTES = 8;
export const INPUT_BUFFER_BYTES = 64 * 1024;
