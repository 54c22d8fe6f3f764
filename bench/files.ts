/**
 * Evidence files (issue 18): 50 concurrent uploads of 5 MB each (distinct PDFs) to the API as
 * `npm start` runs it (its own process, so that its memory is its own), streamed from the client
 * in 64 KB writes. Reports the throughput and the API's peak resident memory (VmHWM). Goal:
 * peak ≤ 250 MB.
 *
 *   node -r @swc-node/register bench/files.ts   (BENCH_FILES_CONCURRENCY, BENCH_FILES_MB, DATABASE_URL)
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { signToken } from '../apps/api/src/http/auth/token-verifier';
import { AppProcess } from './app-process';
import { BenchRow, env, openBenchServer, printTable, round2 } from './lib';

const SECRET = 'bench-secret-that-is-long-enough-for-hs256-0123456789';

function upload(url: string, token: string, mb: number): Promise<{ status: number; ms: number }> {
  const boundary = `----bench${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="bao-cao.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n% ${randomBytes(16).toString('hex')}\n`,
  );
  const tail = Buffer.from(`\n%%EOF\r\n--${boundary}--\r\n`);
  const bodyBytes = mb * 1024 * 1024;
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.request(new URL('/v1/files', url), {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${token}`,
        'Content-Type': `multipart/form-data; boundary=${boundary}`,
        'Content-Length': String(head.length + bodyBytes + tail.length),
      },
    });
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode!, ms: performance.now() - started }));
    });
    req.on('error', reject);
    req.write(head);
    // Random bytes: nothing dedupes, every chunk is stored.
    const block = randomBytes(64 * 1024);
    let sent = 0;
    const pump = () => {
      while (sent < bodyBytes) {
        const n = Math.min(block.length, bodyBytes - sent);
        block.writeUInt32LE(sent, 0);
        sent += n;
        if (!req.write(block.subarray(0, n))) return void req.once('drain', pump);
      }
      req.end(tail);
    };
    pump();
  });
}

async function main(): Promise<void> {
  const concurrency = env('BENCH_FILES_CONCURRENCY', 50);
  const mb = env('BENCH_FILES_MB', 5);
  const server = await openBenchServer();
  const db = await server.fresh('files');
  let app: AppProcess | undefined;
  try {
    AppProcess.build();
    app = await AppProcess.start({
      DATABASE_URL: db.url,
      JWT_SECRET: SECRET,
      PORT: '0',
      LOG_LEVEL: 'error',
      DATA_DIR: '.data',
      RATE_LIMIT: 'off',
    });
    const token = signToken(SECRET, { sub: 'bench-officer', role: 'officer', office: 'B-NV' });
    const idle = app.memory();
    const started = performance.now();
    const results = await Promise.all(Array.from({ length: concurrency }, () => upload(app!.url, token, mb)));
    const seconds = (performance.now() - started) / 1000;
    const mem = app.memory();
    const failed = results.filter((r) => r.status !== 201).length;
    const peakMb = mem.peak / 1024 / 1024;
    const rows: BenchRow[] = [
      {
        name: `files: ${concurrency} concurrent ${mb} MB uploads`,
        unit: 'MB/s',
        ours: round2((concurrency * mb) / seconds),
        runs: { seconds: [round2(seconds)!], failed: [failed] },
        note: `${server.describe}; idle RSS ${round2(idle.rss / 1048576)} MB`,
      },
      {
        name: 'files: API peak memory (VmHWM) during the uploads',
        unit: 'MB',
        ours: round2(peakMb),
        goal: '≤ 250 MB',
        met: peakMb <= 250 && failed === 0,
        runs: { rssAfter: [round2(mem.rss / 1048576)!] },
      },
    ];
    printTable(rows);
    mkdirSync(join(__dirname, 'results'), { recursive: true });
    writeFileSync(join(__dirname, 'results', 'files.json'), `${JSON.stringify({ at: new Date().toISOString(), rows }, null, 2)}\n`);
  } finally {
    await app?.stop();
    await db.drop();
    await server.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
