import { rebuildBench } from './rebuild';
import { openBenchServer, printTable } from './lib';
(async () => {
  const s = await openBenchServer();
  try { printTable(await rebuildBench(s, { events: 10000, runs: 1 })); } finally { await s.stop(); }
})().catch((e) => { console.error(e); process.exit(1); });
