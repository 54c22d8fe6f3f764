import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadGoldenRates } from '../libs/domain/src/counting/golden.testing';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { offenders } = require('../scripts/check-self-contained.js') as { offenders(root: string): string[] };

/** A fresh clone has no ../shared: the suite and the app run on what the repository holds. */
describe('the project is whole on its own', () => {
  it('no tracked file outside the docs refers to ../shared', () => {
    expect(offenders(join(__dirname, '..'))).toEqual([]);
  });

  it('the check finds a reference to ../shared in a source file', () => {
    const repo = mkdtempSync(join(tmpdir(), 'dondoc-self-contained-'));
    try {
      execFileSync('git', ['init', '-q'], { cwd: repo });
      // Built from parts so that this file does not itself name the folder it forbids.
      const outside = ['..', 'shared'].join('/');
      const line = `const f = '../${outside}/fixtures/golden-rates.json';`;
      writeFileSync(join(repo, 'a.ts'), `${line}\nimport { x } from '${outside}';\n`);
      writeFileSync(join(repo, 'notes.md'), `See ${outside}/DOMAIN.md\n`);
      execFileSync('git', ['add', '.'], { cwd: repo });
      expect(offenders(repo)).toEqual([`a.ts:1: ${line}`]);
    } finally {
      rmSync(repo, { recursive: true, force: true });
    }
  });

  it('the golden rates are the project copy under test/fixtures, with their source', () => {
    expect(loadGoldenRates().ratios.length).toBeGreaterThan(0);
    expect(readFileSync(join(__dirname, 'fixtures/README.md'), 'utf8')).toContain('golden-rates.json');
  });
});
