// Baseline: bare express calling the same handler in-process, no emulation (lambkin's router floor).
import express from 'express';
import { handler } from '../fixtures/http-project/functions/hello.js';
const app = express();
const context = { functionName: 'hello', awsRequestId: 'baseline' };
app.get('/hello', async (req, res) => {
  const r = await handler({ rawPath: '/hello', requestContext: { http: { method: 'GET' } } }, context);
  res.status(r.statusCode).set({ 'content-type': 'application/json' }).send(r.body);
});
const server = app.listen(Number(process.env.PORT), '127.0.0.1', () => console.log(`listening ${server.address().port}`));
process.on('SIGTERM', () => process.exit(0));
