// ESLint with typescript-eslint's recommended rules. Layering rules live in .dependency-cruiser.cjs.
import eslint from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'dist-bench/', 'dist-tools/', 'coverage/', 'data/', '.bench-data/', 'web/dist/'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-console': 'error',
      // Validation of control characters is deliberate (signed notes, settings).
      'no-control-regex': 'off',
    },
  },
  {
    // Which adapter runs is ledger/'s business: integrity and the command line ask the port
    // (densePositions, ledgerSource, storedFeed, the adapter's StoreBackup), so a new adapter needs no change there.
    files: ['src/integrity/**/*.ts', 'src/cli/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "MemberExpression[property.name='store'][object.property.name='config'], MemberExpression[property.name='store'][object.name='config']",
          message:
            'Ask the EventStore port (densePositions, ledgerSource(), storedFeed), openStoreBackup or ledger/open-event-store.ts instead of reading config.store.',
        },
      ],
    },
  },
  {
    // The console runs in the browser: its globals, and the rules of React hooks.
    files: ['web/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat['recommended-latest'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['test/**', 'bench/**', 'scripts/**', 'src/**/*.spec.ts', 'web/**/*.test.{ts,tsx}'],
    rules: { 'no-console': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
