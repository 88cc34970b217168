import http from 'node:http';
import { expect, test } from './fixtures';
import { VIEWER_CONTEXT } from './support/dashboard-identities';

// The dashboard holds the user's cluster credentials on 127.0.0.1. These prove, with real requests to the built
// server, that another website cannot use it: not by DNS rebinding, not cross-site, not by framing it.

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** An HTTP request with exactly the headers given (fetch would not let a test set Host). */
function rawRequest(path: string, options: { method?: string; headers?: Record<string, string> } = {}): Promise<RawResponse> {
  const base = new URL(process.env.E2E_BASE_URL ?? '');
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: '127.0.0.1', port: base.port, path, method: options.method ?? 'GET', headers: { host: base.host, ...options.headers } },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          body += chunk;
          // An SSE stream never ends by itself: its first bytes are enough.
          if (response.headers['content-type']?.startsWith('text/event-stream')) response.destroy();
        });
        response.on('close', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
      },
    );
    request.on('error', reject);
    request.end();
  });
}

const context = encodeURIComponent(VIEWER_CONTEXT);
const dataPaths = [
  '/',
  '/api/contexts',
  `/api/snapshot?context=${context}`,
  `/api/events?context=${context}`,
  `/api/dns?context=${context}&name=kubernetes&namespace=default`,
  `/api/diagnostics?context=${context}`,
];

test('DNS rebinding: a request whose Host is not an allowed name gets 403 and no data, on pages, API and SSE alike', async () => {
  for (const path of dataPaths) {
    for (const host of ['attacker.example', 'attacker.example:3000', 'localhost.attacker.example']) {
      const response = await rawRequest(path, { headers: { host } });
      expect({ path, host, status: response.status }).toEqual({ path, host, status: 403 });
      expect(JSON.parse(response.body)).toEqual({ error: expect.stringContaining('is not allowed') });
    }
  }
});

test('DNS rebinding in a real browser: a foreign name that resolves to 127.0.0.1 shows no cluster data', async ({ playwright }) => {
  const port = new URL(process.env.E2E_BASE_URL ?? '').port;
  const browser = await playwright.chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--host-resolver-rules=MAP attacker.example 127.0.0.1'],
  });
  try {
    const page = await browser.newPage();
    const response = await page.goto(`http://attacker.example:${port}/?context=${context}`);
    expect(response?.status()).toBe(403);
    const snapshot = await page.evaluate(async (url) => {
      const answer = await fetch(url);
      return { status: answer.status, body: await answer.text() };
    }, `/api/snapshot?context=${context}`);
    expect(snapshot.status).toBe(403);
    expect(snapshot.body).not.toContain('resources');
  } finally {
    await browser.close();
  }
});

test('cross-site requests to the API are refused, and no response carries CORS headers', async () => {
  const refused: Record<string, string>[] = [
    { origin: 'https://evil.example' },
    { origin: `http://localhost:1` },
    { origin: 'null' },
    { 'sec-fetch-site': 'cross-site' },
    { 'sec-fetch-site': 'same-site' },
  ];
  for (const headers of refused) {
    const response = await rawRequest(`/api/snapshot?context=${context}`, { headers });
    expect({ headers, status: response.status }).toEqual({ headers, status: 403 });
    expect(response.body).not.toContain('resources');
  }
  const base = new URL(process.env.E2E_BASE_URL ?? '');
  const sameOrigin = await rawRequest(`/api/snapshot?context=${context}`, { headers: { origin: base.origin, 'sec-fetch-site': 'same-origin' } });
  expect(sameOrigin.status).toBe(200);
  for (const path of [...dataPaths, `/api/snapshot?context=${context}`]) {
    const response = await rawRequest(path, { headers: { origin: 'https://evil.example' } });
    expect(Object.keys(response.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
  }
});

test('only reads: TRACE, POST, PUT, DELETE and OPTIONS get 405 with Allow, and no stack trace', async () => {
  for (const method of ['TRACE', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']) {
    for (const path of ['/api/snapshot', '/api/explain', '/']) {
      const response = await rawRequest(path, { method });
      expect({ method, path, status: response.status }).toEqual({ method, path, status: 405 });
      expect(response.headers.allow).toBe('GET, HEAD');
      expect(JSON.parse(response.body)).toEqual({ error: expect.stringContaining('only reads') });
    }
  }
});

test('every response carries the security headers: pages, API, static files and refusals', async ({ page }) => {
  const pageResponse = await rawRequest('/');
  const asset = pageResponse.body.match(/\/_next\/static\/[^"]+\.js/)?.[0];
  expect(asset).toBeTruthy();
  const responses = {
    page: pageResponse,
    api: await rawRequest(`/api/snapshot?context=${context}`),
    asset: await rawRequest(asset ?? ''),
    refused: await rawRequest('/api/snapshot', { headers: { host: 'attacker.example' } }),
    notAllowed: await rawRequest('/api/snapshot', { method: 'TRACE' }),
  };
  for (const [name, response] of Object.entries(responses)) {
    expect({ name, nosniff: response.headers['x-content-type-options'] }).toEqual({ name, nosniff: 'nosniff' });
    // Pages name their own origin to themselves (a form's Origin), and no page sends a Referer to another origin.
    expect({ name, referrer: response.headers['referrer-policy'] }).toEqual({ name, referrer: name === 'page' ? 'same-origin' : 'no-referrer' });
    expect({ name, csp: response.headers['content-security-policy'] }).toEqual({ name, csp: expect.stringContaining("frame-ancestors 'none'") });
    expect({ name, csp: response.headers['content-security-policy'] }).toEqual({ name, csp: expect.not.stringContaining('unsafe-eval') });
  }
  const nonce = responses.page.headers['content-security-policy']?.toString().match(/'nonce-([^']+)'/)?.[1];
  expect(nonce).toBeTruthy();
  expect(responses.page.body).toContain(`nonce="${nonce}"`);

  // The page works under its own policy: nothing is blocked, and the map draws.
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  await page.goto(`${process.env.E2E_BASE_URL}/?context=%40demo`);
  await expect(page.locator('[data-testid="network-map"][data-laid-out="true"]')).toBeVisible();
  expect(violations).toEqual([]);
});
