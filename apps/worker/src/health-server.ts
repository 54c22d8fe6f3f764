import { createServer, Server } from 'node:http';
import { Pool } from 'pg';

/**
 * The worker has no HTTP API; this answers an orchestrator's probes: GET /health is 200 when the
 * shared database answers, 503 when it does not; GET /health/live is 200 while the process runs.
 * Unreferenced: it never keeps the process alive.
 */
export function startWorkerHealthServer(port: number, pool: Pool, log: (line: string) => void): Server {
  const server = createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/health/live') {
      // Liveness: the event loop turns. No database, so an outage does not restart the worker.
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'ok', role: 'worker' }));
      return;
    }
    if (req.method !== 'GET' || (req.url !== '/health' && req.url !== '/health/')) {
      res.writeHead(404).end();
      return;
    }
    pool.query('SELECT 1').then(
      () => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'ok', role: 'worker', db: 'ok' })),
      () =>
        res
          .writeHead(503, { 'content-type': 'application/json' })
          .end(JSON.stringify({ status: 'unavailable', role: 'worker', db: 'down' })),
    );
  });
  server.listen(port, () => log(`health on :${port}/health`));
  server.unref();
  return server;
}
