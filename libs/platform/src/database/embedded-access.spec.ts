import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { firstClosedFolder } from './embedded-access';

describe('firstClosedFolder: can the postgres user enter every folder down to the data dir?', () => {
  let root: string;
  beforeEach(() => (root = mkdtempSync(join(tmpdir(), 'dondoc-access-'))));
  afterEach(() => {
    chmodSync(root, 0o755);
    rmSync(root, { recursive: true, force: true });
  });
  const stranger = { uid: 4_000_001, gid: 4_000_001 };

  it('given a chmod 700 parent, when asked for a folder below it, then names that parent and its mode', () => {
    chmodSync(root, 0o700);
    expect(firstClosedFolder(join(root, 'data', 'pg'), stranger)).toEqual({ folder: root, mode: '700' });
  });

  it('given folders others may enter, when asked, then finds none closed (a folder not made yet counts as open)', () => {
    chmodSync(root, 0o711);
    mkdirSync(join(root, 'data'), { mode: 0o755 });
    expect(firstClosedFolder(join(root, 'data', 'pg'), stranger)).toBeUndefined();
  });

  it('given a 700 folder owned by the user itself, when asked, then it is open to that user', () => {
    chmodSync(root, 0o700);
    const { uid, gid } = { uid: process.getuid!(), gid: process.getgid!() };
    expect(firstClosedFolder(join(root, 'pg'), { uid, gid })).toBeUndefined();
  });
});
