import { describe, expect, it, vi } from 'vitest';
import type { Ingress } from '@/lib/model';
import { ingress } from '@/lib/analysis/testing/builders';
import { LiveStore } from './live-store';
import { SecretNamePoller } from './secret-name-poller';
import { listSecretNames, tlsSecretNamespaces } from './secret-names';
import { ApiError, type SecretNameLister } from './transport';

const tick = () => new Promise((r) => setImmediate(r));
const withTls = (ref: string, secretName?: string) => ingress(ref, { tls: [{ hosts: ['a.example.com'], ...(secretName ? { secretName } : {}) }] });

/** Secret names per namespace; a namespace mapped to an Error fails with it. Records every namespace asked for. */
function fakeLister(namespaces: Record<string, string[] | Error>): SecretNameLister & { asked: string[] } {
  const asked: string[] = [];
  const lister = async (namespace: string) => {
    asked.push(namespace);
    const answer = namespaces[namespace] ?? [];
    if (answer instanceof Error) throw answer;
    return answer;
  };
  return Object.assign(lister, { asked });
}

describe('tlsSecretNamespaces: only where an Ingress TLS entry names a Secret (networking/v1 IngressTLS.secretName)', () => {
  it.each<{ name: string; ingresses: Ingress[]; want: string[] }>([
    { name: 'no Ingresses: no namespace, so no Secret request at all', ingresses: [], want: [] },
    { name: 'a TLS entry without secretName uses the default certificate: nothing to look for', ingresses: [withTls('shop/a')], want: [] },
    { name: 'each namespace once, sorted', ingresses: [withTls('web/a', 'a-tls'), withTls('shop/b', 'b-tls'), withTls('shop/c', 'c-tls')], want: ['shop', 'web'] },
  ])('$name', ({ ingresses, want }) => {
    expect(tlsSecretNamespaces(ingresses)).toStrictEqual(want);
  });
});

describe('listSecretNames', () => {
  it('lists each namespace and keys the names by namespace/name', async () => {
    const result = await listSecretNames(fakeLister({ shop: ['shop-tls', 'db'], web: ['web-tls'] }), ['shop', 'web']);
    expect(result.state).toStrictEqual({ status: 'synced' });
    expect(result.objects.map((o) => o.meta.uid)).toStrictEqual(['shop/db', 'shop/shop-tls', 'web/web-tls']);
  });

  it.each([
    {
      name: 'a namespace that may not be listed makes the whole answer forbidden, naming it (an absent Secret must not be guessed)',
      answers: { shop: ['shop-tls'], web: new ApiError(403, 'secrets is forbidden') },
      want: { status: 'forbidden', message: 'may not list Secrets in namespace web (only their names are ever asked for)' },
    },
    {
      name: 'any other failure is an error with the namespace and the reason',
      answers: { shop: new ApiError(500, 'etcd is down'), web: [] },
      want: { status: 'error', message: 'shop: 500: etcd is down' },
    },
  ])('$name', async ({ answers, want }) => {
    const result = await listSecretNames(fakeLister(answers), ['shop', 'web']);
    expect(result.state).toStrictEqual(want);
  });
});

describe('SecretNamePoller', () => {
  function setUp(answers: Record<string, string[] | Error>) {
    const store = new LiveStore();
    const lister = fakeLister(answers);
    const poller = new SecretNamePoller(lister, store, (c) => store.apply(c), 60_000);
    return { store, lister, poller, secrets: () => store.snapshot().model.resources.secrets.map((s) => s.meta.uid) };
  }

  it('waits for the Ingresses, then lists only the namespaces of TLS Ingresses, and follows Ingress changes at once', async () => {
    const { store, lister, poller, secrets } = setUp({ shop: ['shop-tls'], web: ['web-tls'] });
    poller.start();
    await tick();
    expect(store.snapshot().model.sync.secrets).toStrictEqual({ status: 'syncing' });
    expect(lister.asked).toStrictEqual([]);

    store.apply({ op: 'replace', kind: 'ingresses', objects: [withTls('shop/site', 'shop-tls'), withTls('other/plain')] });
    store.apply({ op: 'sync', kind: 'ingresses', state: { status: 'synced' } });
    // No explicit poll from here on: the Ingress changes alone must bring the Secret names (the timer is a minute).
    await vi.waitFor(() => expect(store.snapshot().model.sync.secrets).toStrictEqual({ status: 'synced' }));
    expect(lister.asked).toStrictEqual(['shop']);
    expect(secrets()).toStrictEqual(['shop/shop-tls']);

    store.apply({ op: 'upsert', kind: 'ingresses', object: withTls('web/site', 'web-tls') });
    await vi.waitFor(() => expect(secrets()).toStrictEqual(['shop/shop-tls', 'web/web-tls']));
    poller.stop();
  });

  it('publishes only what moved: a poll that finds the same names adds no change', async () => {
    const { store, poller } = setUp({ shop: ['shop-tls'] });
    store.apply({ op: 'replace', kind: 'ingresses', objects: [withTls('shop/site', 'shop-tls')] });
    store.apply({ op: 'sync', kind: 'ingresses', state: { status: 'synced' } });
    await tick();
    poller.start();
    await poller.poll();
    await tick();
    const seq = store.snapshot().seq;
    await poller.poll();
    await tick();
    expect(store.snapshot().seq).toBe(seq);
    poller.stop();
  });

  it('says why when the Ingresses cannot be read: the Secrets to look for are not known either', async () => {
    const { store, lister, poller } = setUp({});
    store.apply({ op: 'sync', kind: 'ingresses', state: { status: 'forbidden', message: '403: ingresses is forbidden' } });
    await tick();
    poller.start();
    await poller.poll();
    await tick();
    expect(lister.asked).toStrictEqual([]);
    expect(store.snapshot().model.sync.secrets).toStrictEqual({
      status: 'forbidden',
      message: 'needs the Ingresses, which name the Secrets: 403: ingresses is forbidden',
    });
    poller.stop();
  });
});
