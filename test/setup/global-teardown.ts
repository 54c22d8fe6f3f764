export default async function globalTeardown(): Promise<void> {
  const stop = (globalThis as { __dondocStopDb?: () => Promise<void> }).__dondocStopDb;
  if (stop) await stop();
}
