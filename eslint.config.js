// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const noAws = {
  group: ['@aws-sdk/*', 'aws-cdk-lib', 'aws-cdk-lib/*', '@middy/*', 'constructs'],
  message: 'functions/domain is pure: no AWS or framework imports.',
};
const noIo = { group: ['node:fs', 'node:fs/*', 'fs', 'node:net', 'node:http'], message: 'functions/domain does no I/O.' };
const noOutside = {
  group: ['../adapters/*', '../http/*', '../tasks/*', '../../local/*', '../../infra/*'],
  message: 'functions/domain depends on nothing outside itself.',
};

export default tseslint.config(
  // What git ignores (benchmark output, including built Lambda bundles, and test artifacts) is not ours to lint.
  { ignores: ['node_modules/', 'cdk.out/', 'dist/', 'console/dist/', 'coverage/', '.data/', 'bench/results/', 'bench/console-results/', 'test/browser/artifacts/', 'eslint.config.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    // Tests read JSON responses whose shape is what they assert; typing every body would only restate it.
    files: ['test/**/*.ts', '**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    // The domain core is pure: the rules must run anywhere (Lambda, local runtime, browser) without AWS.
    files: ['functions/domain/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noAws, noOutside, noIo] }] },
  },
  {
    // Tests of the domain may read fixtures from disk, never reach AWS.
    files: ['functions/domain/**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noAws, noOutside] }] },
  },
);
