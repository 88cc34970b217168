import { KubeConfig } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { configForToken, identityKey, replaceToken } from './token-review';

describe('identityKey', () => {
  it.each([
    { rule: 'the order of groups does not make another identity', a: { username: 'u', groups: ['b', 'a'] }, b: { username: 'u', groups: ['a', 'b'] }, same: true },
    { rule: 'another group is another identity (RBAC binds groups)', a: { username: 'u', groups: ['a'] }, b: { username: 'u', groups: ['a', 'admins'] }, same: false },
    { rule: 'extra values are part of it, in any order', a: { username: 'u', groups: [], extra: { scopes: ['y', 'x'] } }, b: { username: 'u', groups: [], extra: { scopes: ['x', 'y'] } }, same: true },
    { rule: 'another uid is another identity', a: { username: 'u', uid: '1', groups: [] }, b: { username: 'u', uid: '2', groups: [] }, same: false },
  ])('$rule', ({ a, b, same }) => {
    expect(identityKey(a) === identityKey(b)).toBe(same);
  });
});

describe('configForToken', () => {
  const base = new KubeConfig();
  base.loadFromOptions({
    clusters: [{ name: 'c', server: 'https://10.0.0.1', caData: 'Q0E=' }, { name: 'other', server: 'https://elsewhere' }],
    users: [{ name: 'admin', certData: 'Y2VydA==', keyData: 'a2V5' }],
    contexts: [{ name: 'ctx', cluster: 'c', user: 'admin' }],
    currentContext: 'ctx',
  });

  it("keeps the current context's cluster and none of its user's credentials", () => {
    const config = configForToken(base, 'tok');
    expect(config.getCurrentCluster()).toMatchObject({ server: 'https://10.0.0.1', caData: 'Q0E=' });
    expect(config.getCurrentUser()).toEqual({ name: 'kube-netmap-signed-in', token: 'tok' });
    expect(config.getClusters()).toHaveLength(1);
    replaceToken(config, 'tok2');
    expect(config.getCurrentUser()?.token).toBe('tok2');
  });
});
