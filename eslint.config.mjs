// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.data/**', 'coverage/**', 'jest.config.js', 'eslint.config.mjs', 'apps/web/src/api/schema.d.ts'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/no-unsafe-function-type': 'off',
    },
  },
  {
    // The domain stays free of frameworks, HTTP and SQL.
    files: ['libs/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['@nestjs/*', 'typeorm', 'pg', 'express', '@dondoc/event-store', '@dondoc/platform', '@dondoc/read-models'] }],
      'no-restricted-syntax': ['error', { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Inject a Clock: the domain never reads the system clock.' }, { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'Inject a Clock.' }],
    },
  },
);
