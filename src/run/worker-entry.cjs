// Worker-thread entry of the pool (src/run/pool.ts). Node 20 does not carry the main thread's ESM loader hooks
// (`--import tsx`, tsx's register()) into worker threads, so the worker registers tsx's CommonJS hooks itself and
// require()s the handler module, a TypeScript file exporting `createHandler(options)`.
//
// Protocol: the worker posts {ready} once the handler is set up (or {fatal} if it cannot be), then answers each
// {id, payload} with {id, ok: true, value} or {id, ok: false, error}; with `memory`, it also posts {heapUsed}
// now and then.
const { parentPort, workerData } = require("node:worker_threads");

require("tsx/cjs/api").register();

let handle;
try {
  handle = require(workerData.handler).createHandler(workerData.options);
} catch (e) {
  parentPort.postMessage({ fatal: e?.stack || String(e) });
  process.exit(1);
}

if (workerData.memory) {
  const sample = () => parentPort.postMessage({ heapUsed: process.memoryUsage().heapUsed });
  sample();
  setInterval(sample, 100).unref();
}

parentPort.on("message", (msg) => {
  let reply;
  try {
    reply = { id: msg.id, ok: true, value: handle(msg.payload) };
  } catch (e) {
    reply = { id: msg.id, ok: false, error: e?.message || String(e), stack: e?.stack };
  }
  try {
    parentPort.postMessage(reply);
  } catch (e) {
    // the value could not be cloned (a function, a class with private state): report it for this task only
    parentPort.postMessage({ id: msg.id, ok: false, error: `result not transferable: ${e?.message || e}` });
  }
});

parentPort.postMessage({ ready: true });
