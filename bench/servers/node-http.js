// Baseline: plain node:http calling the same handler in-process (the absolute limit).
import { createServer } from 'node:http';
import { handler } from '../fixtures/http-project/functions/hello.js';
const context = { functionName: 'hello', awsRequestId: 'baseline' };
const server = createServer(async (req, res) => {
  const r = await handler({ rawPath: req.url, requestContext: { http: { method: req.method } } }, context);
  res.writeHead(r.statusCode, { 'content-type': 'application/json' });
  res.end(r.body);
}).listen(Number(process.env.PORT), '127.0.0.1', () => console.log(`listening ${server.address().port}`));
process.on('SIGTERM', () => process.exit(0));
