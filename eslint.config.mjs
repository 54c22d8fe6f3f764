// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

const APPS = ['api', 'worker', 'web'];
const LIBS = ['domain', 'event-store', 'platform', 'read-models', 'digests', 'background'];
const TESTS = ['**/*.spec.ts', '**/*.int-spec.ts'];
/** A module of ours by alias (`@dondoc/x`) or by a relative path into its folder (`../../x/src/...`). */
const ours = (names) => `^(@dondoc/(${names.join('|')})(/|$)|(\\.\\./)+((apps|libs)/)?(${names.join('|')})/src(/|$))`;

/**
 * One door to the log (issue 19): only PostgreSQL's adapter (and the migrations that create it) may
 * name its table; everything else goes through the EventStore port or the audit index.
 */
const ES_EVENTS = [
  { selector: 'Literal[value=/es_events/]', message: 'Only libs/event-store/src/postgres/ names es_events: use the EventStore port, the audit index or postgres/testing.' },
  { selector: 'TemplateElement[value.raw=/es_events/]', message: 'Only libs/event-store/src/postgres/ names es_events: use the EventStore port, the audit index or postgres/testing.' },
];

function appsApart() {
  const app = (name) => ({
    files: [`apps/${name}/**/*.{ts,tsx}`],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: ours(APPS.filter((a) => a !== name)), message: 'Apps never import each other: move what both need into libs/.' }] }],
    },
  });
  const libs = {
    files: ['libs/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ regex: '(^|/)apps/', message: 'A lib never imports an app.' }] }] },
  };
  return [...APPS.map(app), libs];
}

function layers() {
  return LIBS.slice(0, -1).map((lib, i) => ({
    files: [`libs/${lib}/**/*.ts`],
    ignores: TESTS,
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '(^|/)apps/', message: 'A lib never imports an app.' }, { regex: ours(LIBS.slice(i + 1)), message: `${lib} is below ${LIBS.slice(i + 1).join(', ')}: it cannot import them.` }] },
      ],
    },
  }));
}

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.data/**', 'coverage/**', 'jest.config.js', 'eslint.config.mjs', 'apps/web/src/api/schema.d.ts'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/no-unsafe-function-type': 'off',
      // Prettier (printWidth 140, `prettier --check` in `npm run lint`) wraps code; this catches long comments.
      'max-len': ['error', { code: 140, ignoreUrls: true, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreRegExpLiterals: true }],
    },
  },
  {
    // Files stay small (≤ ~300 lines of code): split at real seams (stage, area, role), not arbitrary cuts.
    files: ['{apps,libs,test,bench,scripts}/**/*.{ts,tsx}'],
    rules: { 'max-lines': ['error', { max: 300, skipBlankLines: true, skipComments: true }] },
  },
  {
    // Exempt for good: migrations are append-only history, and a contract suite is one spec every adapter must pass.
    files: ['libs/platform/src/database/migrations/**/*.ts', '**/*-contract.ts', '**/*.contract.int-spec.ts'],
    rules: { 'max-lines': 'off' },
  },
  { ignores: ['libs/event-store/src/postgres/**', 'libs/platform/src/database/migrations/**'], rules: { 'no-restricted-syntax': ['error', ...ES_EVENTS] } },
  // Apps never import each other (what two apps share lives in libs/), and libs never import apps.
  ...appsApart(),
  // The layers: domain ← event-store ← platform ← read-models ← digests ← background ← apps (tests may wire across).
  ...layers(),
  {
    // The domain stays free of frameworks, HTTP and SQL.
    files: ['libs/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['@nestjs/*', 'typeorm', 'pg', 'express', '@dondoc/event-store', '@dondoc/platform', '@dondoc/read-models'] }],
      'no-restricted-syntax': ['error', { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Inject a Clock: the domain never reads the system clock.' }, { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'Inject a Clock.' }, ...ES_EVENTS],
    },
  },
);
