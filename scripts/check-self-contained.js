#!/usr/bin/env node
// The project is whole on its own: no tracked file but the docs may refer to the specification
// folder next to the repository (`../shared`), which a fresh clone does not have. Exit 1 naming
// each offending line. Run by .ci/run and by test/self-contained.e2e-spec.ts.
const { execFileSync } = require('node:child_process');
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const OUTSIDE = /(\.\.\/)+shared\/|\bshared\/(fixtures|seeds|hooks)\b|\bshared\/(DOMAIN|API)\.md\b/;
const isDoc = (file) => file.startsWith('docs/') || file.endsWith('.md');

function offenders(root) {
  const files = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' }).split('\0').filter(Boolean);
  const found = [];
  for (const file of files) {
    if (isDoc(file) || file === 'scripts/check-self-contained.js') continue;
    let text;
    try {
      text = readFileSync(join(root, file), 'utf8');
    } catch {
      continue; // deleted in the work tree, not yet committed
    }
    text.split('\n').forEach((line, i) => {
      if (OUTSIDE.test(line)) found.push(`${file}:${i + 1}: ${line.trim().slice(0, 160)}`);
    });
  }
  return found;
}

module.exports = { offenders, OUTSIDE };

if (require.main === module) {
  const found = offenders(join(__dirname, '..'));
  if (found.length) {
    console.error(`files outside docs refer to ../shared, which a fresh clone does not have (copy the facts into test/fixtures/):\n${found.join('\n')}`);
    process.exit(1);
  }
  console.log('self-contained: no tracked source file refers to ../shared');
}
