// eslint.config.mjs: the explorer's lint (scripts/web-check.sh): no undefined
// identifier (a missing import is a ReferenceError only when that line runs),
// no unused variable or import, in the browser modules and their node tests.
import globals from 'globals';

export default [
  {
    files: ['web/static/js/**/*.js'],
    languageOptions: { ecmaVersion: 2024, sourceType: 'module', globals: { ...globals.browser } },
    rules: {
      'no-undef': 'error',
      'no-unused-vars': ['error', { args: 'none', caughtErrors: 'none' }],
      'no-redeclare': 'error',
      'no-dupe-keys': 'error',
      'no-unreachable': 'error',
      'no-shadow-restricted-names': 'error',
    },
  },
  {
    files: ['web/test/**/*.js', 'web/check/**/*.mjs'],
    languageOptions: { ecmaVersion: 2024, sourceType: 'module', globals: { ...globals.node } },
    rules: { 'no-undef': 'error', 'no-unused-vars': ['error', { args: 'none', caughtErrors: 'none' }] },
  },
];
