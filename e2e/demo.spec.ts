import { expect, test } from './fixtures';

test('the built-in demo is clearly labelled and shows the example shop from examples/demo', async ({ liveView }) => {
  await liveView.open('@demo');
  await expect(liveView.page.getByTestId('demo-label')).toContainText('DEMO');
  await expect(liveView.podRows('shop')).toHaveCount(8);
  await expect(liveView.serviceRow('shop', 'cart')).toBeVisible();
  // A demo is not a cluster: no connection status pretends otherwise.
  await expect(liveView.connection()).toHaveCount(0);
});

test('the analysis API answers over the demo: the policy that cuts payments off from checkout is named', async ({ request }) => {
  const response = await request.get(
    `${process.env.E2E_BASE_URL}/api/explain?context=@demo&from=pod/shop/checkout-template&to=svc/shop/payments&port=80`,
  );
  expect(response.status()).toBe(200);
  const body = await response.json();
  expect(body.verdict).toBe('denied');
  expect(body.paths[0].ingress.nearMisses[0].policy).toEqual({ namespace: 'shop', name: 'payments' });
});

test('bad analysis input gets a 400 with a message', async ({ request }) => {
  const base = `${process.env.E2E_BASE_URL}/api/explain?context=@demo`;
  const badPort = await request.get(`${base}&from=pod/shop/api-template&to=pod/shop/cart-template&port=99999`);
  expect(badPort.status()).toBe(400);
  expect(await badPort.json()).toEqual({ error: 'port: must be a decimal integer from 1 to 65535' });
  const unknownPod = await request.get(`${base}&from=pod/shop/nope&to=pod/shop/cart-template&port=80`);
  expect(unknownPod.status()).toBe(400);
  expect(await unknownPod.json()).toEqual({ error: 'no pod shop/nope in the model' });
});
