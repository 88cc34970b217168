import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  resolve: { alias: { '@': fileURLToPath(new URL('.', import.meta.url)) } },
  test: {
    include: ['lib/**/*.test.ts', 'bench/**/*.test.ts', 'app/**/*.test.ts', 'cli/**/*.test.ts', 'components/**/*.test.ts'],
    environment: 'node',
  },
});
