// The what-if draft as the URL keeps it, so that a reviewer opens the same what-if from a link: the draft as JSON,
// compressed (deflate-raw, built into browsers) and written in base64url, in `wi`. A draft whose link would pass
// MAX_URL_LENGTH is kept in this browser's local storage instead, under a short random id in `wid` (such a link
// opens in this browser only, and the panel says so). Pure apart from the storage handed in.

import { RESOURCE_KINDS, type ObjectKey, type ResourceKind } from '@/lib/model';
import type { WhatIfDraft } from '@/lib/what-if/read-draft';

export const DRAFT_PARAM = 'wi';
export const STORED_DRAFT_PARAM = 'wid';
/** Longer links are cut or refused by some servers, proxies and chat tools. */
export const MAX_URL_LENGTH = 8 * 1024;
/** A link never unpacks into more than this (a crafted link must not fill the page's memory). */
const MAX_DRAFT_CHARS = 4 * 1024 * 1024;
const STORAGE_PREFIX = 'kube-netmap.what-if.';
/** How many stored drafts a browser keeps; the oldest go first. */
export const MAX_STORED_DRAFTS = 20;
const STORED_INDEX = `${STORAGE_PREFIX}index`;

/** The JSON form: short keys, each deletion as [kind, namespace ('' when cluster-scoped), name]. */
interface DraftJson {
  v: 1;
  y: string;
  d: [ResourceKind, string, string][];
}

export type StoredDrafts = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** Why a link's draft cannot be opened: shown in the panel instead of the draft. */
export class DraftLinkError extends Error {
  override readonly name = 'DraftLinkError';
}

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream, limit = Infinity): Promise<Uint8Array> {
  const reader = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(stream).getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    length += value.length;
    if (length > limit) {
      await reader.cancel();
      throw new DraftLinkError('the draft in the link is larger than the page opens');
    }
    chunks.push(value);
  }
  const out = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new DraftLinkError('the link holds characters a draft never has (was it cut or changed?)');
  const binary = atob(text.replaceAll('-', '+').replaceAll('_', '/') + '='.repeat((4 - (text.length % 4)) % 4));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** The draft as the `wi` parameter holds it. */
export async function encodeDraft(draft: WhatIfDraft): Promise<string> {
  const json: DraftJson = { v: 1, y: draft.yaml, d: draft.deleted.map((k) => [k.kind, k.namespace ?? '', k.name]) };
  return toBase64Url(await pipe(new TextEncoder().encode(JSON.stringify(json)), new CompressionStream('deflate-raw')));
}

/** The draft a `wi` parameter holds; a DraftLinkError says why when it holds none. */
export async function decodeDraft(text: string): Promise<WhatIfDraft> {
  let json: unknown;
  try {
    const bytes = await pipe(fromBase64Url(text), new DecompressionStream('deflate-raw'), MAX_DRAFT_CHARS);
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (error) {
    if (error instanceof DraftLinkError) throw error;
    throw new DraftLinkError('the link does not hold a draft kube-netmap wrote (was it cut or changed?)');
  }
  return draftOf(json);
}

const isKind = (value: unknown): value is ResourceKind => RESOURCE_KINDS.includes(value as ResourceKind);

function draftOf(json: unknown): WhatIfDraft {
  const value = json as Partial<DraftJson> | null;
  if (typeof value !== 'object' || value === null || value.v !== 1 || typeof value.y !== 'string' || !Array.isArray(value.d)) {
    throw new DraftLinkError('the link holds a draft of another form (written by another version of kube-netmap?)');
  }
  const deleted = value.d.map((entry): ObjectKey => {
    const [kind, namespace, name] = Array.isArray(entry) ? (entry as unknown[]) : [];
    if (!isKind(kind) || typeof namespace !== 'string' || typeof name !== 'string' || name === '') {
      throw new DraftLinkError('the link marks something deleted that is not an object of the model');
    }
    return { kind, ...(namespace ? { namespace } : {}), name };
  });
  return { yaml: value.y, deleted };
}

/**
 * The URL parameters that keep the draft: `wi` when the link stays within MAX_URL_LENGTH (`urlLength` is the
 * length of the URL without them), else `wid` with the draft stored in `storage`. An empty draft clears both.
 */
export async function draftParams(draft: WhatIfDraft, urlLength: number, storage: StoredDrafts): Promise<Record<string, string | undefined>> {
  if (draft.yaml.trim() === '' && draft.deleted.length === 0) return { [DRAFT_PARAM]: undefined, [STORED_DRAFT_PARAM]: undefined };
  const encoded = await encodeDraft(draft);
  if (urlLength + DRAFT_PARAM.length + 2 + encoded.length <= MAX_URL_LENGTH) return { [DRAFT_PARAM]: encoded, [STORED_DRAFT_PARAM]: undefined };
  return { [DRAFT_PARAM]: undefined, [STORED_DRAFT_PARAM]: storeDraft(encoded, storage) };
}

/** Keeps an encoded draft under a new random id, dropping the oldest beyond MAX_STORED_DRAFTS. */
function storeDraft(encoded: string, storage: StoredDrafts): string {
  const id = toBase64Url(crypto.getRandomValues(new Uint8Array(9)));
  const index = storedIds(storage).concat(id);
  for (const old of index.splice(0, Math.max(0, index.length - MAX_STORED_DRAFTS))) storage.removeItem(STORAGE_PREFIX + old);
  storage.setItem(STORAGE_PREFIX + id, encoded);
  storage.setItem(STORED_INDEX, JSON.stringify(index));
  return id;
}

function storedIds(storage: StoredDrafts): string[] {
  try {
    const ids: unknown = JSON.parse(storage.getItem(STORED_INDEX) ?? '[]');
    return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
  } catch {
    return [];
  }
}

/** Where a link keeps its draft: in itself (`wi`), or in the storage of the browser that wrote it (`wid`). */
export type DraftLink = { encoded: string } | { storedId: string };

/** The draft of a link; a DraftLinkError says why it cannot be opened. */
export async function readDraftLink(link: DraftLink, storage: StoredDrafts): Promise<WhatIfDraft> {
  if ('encoded' in link) return decodeDraft(link.encoded);
  const stored = storage.getItem(STORAGE_PREFIX + link.storedId);
  if (stored === null) {
    throw new DraftLinkError(`the draft ${link.storedId} was too large for a link and is kept in the browser that wrote it, not in this one`);
  }
  return decodeDraft(stored);
}
