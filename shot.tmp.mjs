import { chromium } from '@playwright/test';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-background-networking','--disable-component-update','--disable-sync','--no-first-run'] });
const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
page.on('console', (m) => { if (m.type() === 'error') console.log('console error:', m.text()); });
await page.goto(process.argv[2]);
await page.waitForTimeout(2500);
await page.screenshot({ path: process.argv[3] });
if (process.argv[4]) {
  const pos = await page.evaluate((id) => { const cy = window.__kubeNetmapMap; const n = cy.getElementById(id); const r = n.renderedPosition(); const b = cy.container().getBoundingClientRect(); return { x: b.left + r.x, y: b.top + r.y }; }, process.argv[4]);
  await page.mouse.click(pos.x, pos.y);
  await page.waitForTimeout(1000);
  await page.screenshot({ path: process.argv[3].replace('.png', '-selected.png') });
  console.log(page.url());
}
await browser.close();
