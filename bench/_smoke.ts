import { importBench } from '/work/main/bench/import';
import { openBenchServer, printTable } from '/work/main/bench/lib';
(async () => {
  const s = await openBenchServer();
  console.log(s.describe);
  try { printTable(await importBench(s, { events: 20000, runs: 2 })); } finally { await s.stop(); }
})().catch((e) => { console.error(e); process.exit(1); });
