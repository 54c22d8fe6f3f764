/**
 * One digest run in a process of its own (the concurrency test starts several at once):
 *   DATABASE_URL=… SMTP_URL=… DIGEST_WEEK=2024-W15 node -r @swc-node/register test/support/digest-run.process.ts
 * Prints the run's result as one JSON line.
 */
import { createDigestRunner } from '@dondoc/digests';

async function main(): Promise<void> {
  const { runner, pool, close } = createDigestRunner({
    databaseUrl: process.env.DATABASE_URL!,
    smtpUrl: process.env.SMTP_URL,
    from: 'Dondoc <dondoc@test.example.vn>',
    options: { backoffMs: 100 },
  });
  try {
    // Start together: say "ready" once connected, then wait for the parent's one line on stdin.
    if (process.env.WAIT_FOR_GO) {
      await pool.query('SELECT 1');
      process.stdout.write('ready\n');
      await new Promise((resolve) => process.stdin.once('data', resolve));
    }
    const result = await runner.run({ week: process.env.DIGEST_WEEK });
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await close();
  }
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
