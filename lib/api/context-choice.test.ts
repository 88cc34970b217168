import { describe, expect, it } from 'vitest';
import { kubeconfigProblem, shownContext, snapshotPath } from './context-choice';
import { DEMO_CONTEXT, type ContextsResponse } from './types';

const context = (name: string): ContextsResponse['contexts'][number] => ({ name, cluster: name, user: 'u', server: 'https://127.0.0.1:6443' });
const files = (over: Partial<ContextsResponse> = {}): ContextsResponse => ({ origin: 'files', contexts: [context('kind-a'), context('kind-b')], currentContext: 'kind-b', ...over });

describe('shownContext: the context a page shows, which the server preloads the snapshot of', () => {
  const cases: { name: string; asked: string | null | undefined; data: ContextsResponse; want: string }[] = [
    { name: 'the URL names a context: that one', asked: 'kind-a', data: files(), want: 'kind-a' },
    { name: 'the URL names the demo: the demo, even with a kubeconfig', asked: DEMO_CONTEXT, data: files(), want: DEMO_CONTEXT },
    { name: 'the URL names an unknown context: that one (the page then says it is unknown)', asked: 'typo', data: files(), want: 'typo' },
    { name: 'no context in the URL: the current context', asked: null, data: files(), want: 'kind-b' },
    { name: 'no current context: the first', asked: undefined, data: files({ currentContext: undefined }), want: 'kind-a' },
    { name: 'an empty context parameter counts as none', asked: '', data: files(), want: 'kind-b' },
    { name: 'no kubeconfig: the demo', asked: null, data: { origin: 'none', reason: 'No kubeconfig found.', contexts: [] }, want: DEMO_CONTEXT },
    { name: 'a kubeconfig that cannot be read: the demo', asked: null, data: files({ error: 'bad YAML' }), want: DEMO_CONTEXT },
    { name: 'a kubeconfig without contexts: the demo', asked: null, data: files({ contexts: [], currentContext: undefined }), want: DEMO_CONTEXT },
  ];
  it.each(cases)('$name', ({ asked, data, want }) => expect(shownContext(asked, data)).toBe(want));
});

describe('kubeconfigProblem', () => {
  it('says why, in the order error, reason, no contexts', () => {
    expect(kubeconfigProblem(files({ error: 'bad YAML', reason: 'r' }))).toBe('bad YAML');
    expect(kubeconfigProblem({ origin: 'none', reason: 'No kubeconfig found.', contexts: [] })).toBe('No kubeconfig found.');
    expect(kubeconfigProblem(files({ contexts: [] }))).toBe('The kubeconfig has no contexts.');
    expect(kubeconfigProblem(files())).toBeUndefined();
  });
});

describe('snapshotPath', () => {
  it('encodes the context as a query value, so the preload and the fetch are the same URL', () => {
    expect(snapshotPath('@demo')).toBe('/api/snapshot?context=%40demo');
    expect(snapshotPath('arn:aws:eks:eu-west-1:1:cluster/a b')).toBe('/api/snapshot?context=arn%3Aaws%3Aeks%3Aeu-west-1%3A1%3Acluster%2Fa%20b');
  });
});
