import { defineConfig, globalIgnores } from 'eslint/config';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTypescript from 'eslint-config-next/typescript';

// Spreading an array into a call passes each element as an argument, on the stack: with ~100k elements it throws
// "RangeError: Maximum call stack size exceeded". These calls take arrays of any size here, so they loop instead.
const UNBOUNDED_SPREAD = 'Spreading an array into this call overflows the stack on large inputs: loop, or use concat/reduce.';

export default defineConfig([
  ...nextVitals,
  ...nextTypescript,
  {
    files: ['lib/**', 'cli/**', 'components/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: 'CallExpression[callee.property.name=/^(push|unshift|splice)$/] > SpreadElement', message: UNBOUNDED_SPREAD },
        { selector: "CallExpression[callee.object.name='Math'][callee.property.name=/^(max|min)$/] > SpreadElement", message: UNBOUNDED_SPREAD },
        { selector: "CallExpression[callee.object.name='String'][callee.property.name=/^fromC(har|odePoint)Code$/] > SpreadElement", message: UNBOUNDED_SPREAD },
      ],
    },
  },
  globalIgnores(['.next/**', 'out/**', 'build/**', 'next-env.d.ts', 'test-results/**', 'playwright-report/**']),
]);
