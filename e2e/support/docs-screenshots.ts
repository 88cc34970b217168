import path from 'node:path';
import type { Locator, Page } from '@playwright/test';

const DOCS = path.resolve(import.meta.dirname, '..', '..', 'docs');

/**
 * The README's screenshots are taken by the tests that show those views: with E2E_UPDATE_DOCS=1 they are written to
 * docs/ (see the README's "Screenshots"); otherwise this does nothing.
 */
export async function saveForDocs(target: Page | Locator, name: string): Promise<void> {
  if (process.env.E2E_UPDATE_DOCS !== '1') return;
  await target.screenshot({ path: path.join(DOCS, name) });
}
