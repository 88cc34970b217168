import { describe, expect, it } from 'vitest';
import type { WhatIfDraft } from '@/lib/what-if/read-draft';
import {
  decodeDraft, DraftLinkError, draftParams, DRAFT_PARAM, encodeDraft, MAX_STORED_DRAFTS, MAX_URL_LENGTH, readDraftLink, STORED_DRAFT_PARAM, type StoredDrafts,
} from './draft-url';

/** localStorage as a Map, to look into. */
function memoryStorage(): StoredDrafts & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
}

const POLICY = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: { name: deny, namespace: shop }\nspec: { podSelector: {} }\n';
/** A draft that compresses badly: each line different, so its link passes MAX_URL_LENGTH. */
const LARGE = Array.from({ length: 800 }, (_, i) => `# ${(i * 7919).toString(36)} ${Math.sin(i).toString(36)}`).join('\n');

const deflate = async (text: string) => {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
};

describe('encodeDraft and decodeDraft: a draft survives the link', () => {
  it.each<{ name: string; draft: WhatIfDraft }>([
    { name: 'YAML alone', draft: { yaml: POLICY, deleted: [] } },
    { name: 'deletions alone, namespaced and cluster-scoped', draft: { yaml: '', deleted: [{ kind: 'networkpolicies', namespace: 'shop', name: 'api' }, { kind: 'clusternetworkpolicies', name: 'guard' }] } },
    { name: 'text beyond ASCII and every line ending', draft: { yaml: '# café 🚦\r\nkind: x\r\n\ttab\n', deleted: [] } },
    { name: 'a large draft', draft: { yaml: LARGE, deleted: [] } },
  ])('$name', async ({ draft }) => {
    const encoded = await encodeDraft(draft);
    expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(await decodeDraft(encoded)).toEqual(draft);
  });

  it('compresses: a policy takes fewer characters in the link than as YAML', async () => {
    const yaml = Array.from({ length: 10 }, () => POLICY).join('---\n');
    expect((await encodeDraft({ yaml, deleted: [] })).length).toBeLessThan(yaml.length / 3);
  });
});

describe('decodeDraft: a link that holds no draft says why', () => {
  it.each([
    { name: 'characters base64url never has', text: 'abc+def', error: 'the link holds characters a draft never has (was it cut or changed?)' },
    { name: 'not deflate data', text: 'AAAA_____', error: 'the link does not hold a draft kube-netmap wrote (was it cut or changed?)' },
    { name: 'deflate of something that is not JSON', text: 'not json', error: 'the link does not hold a draft kube-netmap wrote (was it cut or changed?)' },
    { name: 'JSON of another version', text: JSON.stringify({ v: 2, y: '', d: [] }), error: 'the link holds a draft of another form (written by another version of kube-netmap?)' },
    { name: 'a deletion of a kind the model lacks', text: JSON.stringify({ v: 1, y: '', d: [['configmaps', 'shop', 'x']] }), error: 'the link marks something deleted that is not an object of the model' },
    { name: 'a deletion without a name', text: JSON.stringify({ v: 1, y: '', d: [['networkpolicies', 'shop', '']] }), error: 'the link marks something deleted that is not an object of the model' },
    { name: 'more than the page opens (a crafted link)', text: JSON.stringify({ v: 1, y: ' '.repeat(5 * 1024 * 1024), d: [] }), error: 'the draft in the link is larger than the page opens' },
  ])('$name', async ({ text, error }) => {
    const encoded = text === 'abc+def' || text === 'AAAA_____' ? text : await deflate(text);
    const failure = await decodeDraft(encoded).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(DraftLinkError);
    expect((failure as Error).message).toBe(error);
  });
});

describe('draftParams and readDraftLink: where the URL keeps the draft', () => {
  it('a draft that fits goes in the link (wi), and a stored one is dropped from it', async () => {
    const storage = memoryStorage();
    const params = await draftParams({ yaml: POLICY, deleted: [] }, 100, storage);
    expect(Object.keys(params)).toEqual([DRAFT_PARAM, STORED_DRAFT_PARAM]);
    expect(params[STORED_DRAFT_PARAM]).toBeUndefined();
    expect(storage.items.size).toBe(0);
    expect(await readDraftLink({ encoded: params[DRAFT_PARAM]! }, storage)).toEqual({ yaml: POLICY, deleted: [] });
  });

  it('the rest of the URL counts: a draft that fits alone goes to storage on a long URL', async () => {
    const draft = { yaml: POLICY, deleted: [] };
    const length = (await encodeDraft(draft)).length;
    expect((await draftParams(draft, MAX_URL_LENGTH - length - 4, memoryStorage()))[DRAFT_PARAM]).toBeDefined();
    expect((await draftParams(draft, MAX_URL_LENGTH - length - 3, memoryStorage()))[STORED_DRAFT_PARAM]).toBeDefined();
  });

  it('a draft too large for a link is stored under a short id (wid), and read back from it', async () => {
    const storage = memoryStorage();
    const draft = { yaml: LARGE, deleted: [{ kind: 'networkpolicies' as const, namespace: 'shop', name: 'api' }] };
    const params = await draftParams(draft, 100, storage);
    expect(params[DRAFT_PARAM]).toBeUndefined();
    expect(params[STORED_DRAFT_PARAM]).toMatch(/^[A-Za-z0-9_-]{12}$/);
    expect(await readDraftLink({ storedId: params[STORED_DRAFT_PARAM]! }, storage)).toEqual(draft);
  });

  it(`a browser keeps the last ${MAX_STORED_DRAFTS} stored drafts`, async () => {
    const storage = memoryStorage();
    const ids: string[] = [];
    for (let i = 0; i <= MAX_STORED_DRAFTS; i++) ids.push((await draftParams({ yaml: `${LARGE}\n# ${i}`, deleted: [] }, 100, storage))[STORED_DRAFT_PARAM]!);
    expect(new Set(ids).size).toBe(ids.length);
    expect(storage.items.size).toBe(MAX_STORED_DRAFTS + 1); // the drafts and the index
    await expect(readDraftLink({ storedId: ids[0]! }, storage)).rejects.toThrow(DraftLinkError);
    expect((await readDraftLink({ storedId: ids.at(-1)! }, storage)).yaml).toBe(`${LARGE}\n# ${MAX_STORED_DRAFTS}`);
  });

  it('an empty draft clears both parameters', async () => {
    expect(await draftParams({ yaml: ' \n', deleted: [] }, 100, memoryStorage())).toEqual({ [DRAFT_PARAM]: undefined, [STORED_DRAFT_PARAM]: undefined });
  });

  it("a stored draft opened in another browser says where it is", async () => {
    await expect(readDraftLink({ storedId: 'abcdefabcdef' }, memoryStorage())).rejects.toThrow(
      'the draft abcdefabcdef was too large for a link and is kept in the browser that wrote it, not in this one',
    );
  });
});
