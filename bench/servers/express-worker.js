// Baseline: express handing each request to a worker thread that runs the same handler, one
// request per worker at a time, workers reused; no event building, logging or billing. It is
// the floor of any design that isolates handlers in worker threads (lambkin, serverless-offline):
// what the crossing to a thread and back costs on this machine.
import express from 'express';
import { Worker } from 'node:worker_threads';

const HANDLER = new URL('../fixtures/http-project/functions/hello.js', import.meta.url).href;
const WORKER = `
  const { parentPort, workerData } = require('node:worker_threads');
  import(workerData.handler).then(({ handler }) => {
    const context = { functionName: 'hello', awsRequestId: 'baseline' };
    parentPort.on('message', async (event) => parentPort.postMessage(JSON.stringify(await handler(JSON.parse(event), context))));
    parentPort.postMessage('ready');
  });`;

const idle = [];
function newWorker() {
  return new Promise((resolve) => {
    const worker = new Worker(WORKER, { eval: true, workerData: { handler: HANDLER } });
    worker.once('message', () => resolve(worker));
  });
}

async function call(event) {
  const worker = idle.pop() ?? (await newWorker());
  const result = await new Promise((resolve) => {
    worker.once('message', resolve);
    worker.postMessage(event);
  });
  idle.push(worker);
  return JSON.parse(result);
}

const app = express();
app.use(async (req, res) => {
  const r = await call(JSON.stringify({ rawPath: req.path, requestContext: { http: { method: req.method } } }));
  res.writeHead(r.statusCode, { 'content-type': 'application/json' });
  res.end(r.body);
});
const server = app.listen(Number(process.env.PORT), '127.0.0.1', () => console.log(`listening ${server.address().port}`));
process.on('SIGTERM', () => process.exit(0));
