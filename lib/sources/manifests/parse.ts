import {
  isAlias, isMap, isScalar, isSeq, LineCounter, parseAllDocuments, type Document, type Tags, type YAMLError,
} from 'yaml';
import { ManifestError, type ManifestWarning } from './errors';

/** One Kubernetes object found in a file, with what is needed to point at any part of it. */
export interface LocatedObject {
  file: string;
  /** The line the object starts on. */
  line: number;
  /** The object as plain JSON data; `apiVersion` and `kind` are always non-empty strings. */
  raw: RawManifest;
  /** The line of a field of the object (as a path of keys and indexes), or of its deepest part that exists. */
  lineOf(path: readonly PropertyKey[]): number;
}

export interface RawManifest {
  apiVersion: string;
  kind: string;
  [field: string]: unknown;
}

/** What each YAML node looks like to the walk: a range in the text, and items for collections. */
type YamlNode = unknown;

/**
 * kubectl reads YAML with go-yaml's YAML 1.1 rules: `yes`, `on`, `y` are booleans, `0755` is octal, `<<` merges.
 * It does not turn `1:20` into a base-60 number or `2024-01-01` into a timestamp, so those tags are left out.
 */
const DROPPED_TAGS = new Set(['intTime', 'floatTime', 'timestamp']);
const KUBECTL_TAGS = (tags: Tags): Tags =>
  tags.filter((t) =>
    typeof t === 'string'
      ? !DROPPED_TAGS.has(t)
      : !(t.format === 'TIME' || t.tag === 'tag:yaml.org,2002:timestamp'),
  );

/** Kinds like `PodList` hold items that may leave out their own kind, as the API server's list responses do. */
const LIST_SUFFIX = 'List';

/**
 * Parses one file (YAML with any number of documents, or JSON) into the Kubernetes objects it holds; `List` and
 * `*List` documents are expanded into their items. Empty documents are skipped. Throws a ManifestError for broken
 * syntax, and for documents that are not Kubernetes objects unless `scanned`: a file found in a directory may be
 * anything that happens to be YAML or JSON (a test's expected output, a values file), so such a document is skipped
 * with a warning. Messages never quote the file's content.
 */
export function parseManifestText(file: string, text: string, warnings: ManifestWarning[], scanned = false): LocatedObject[] {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, {
    lineCounter,
    version: '1.1',
    merge: true,
    customTags: KUBECTL_TAGS,
    // Pretty errors quote the offending source line, which could be a Secret's data.
    prettyErrors: false,
  });
  const lineAt = (offset: number) => lineCounter.linePos(offset).line;
  const objects: LocatedObject[] = [];

  for (const doc of docs) {
    const error = doc.errors[0];
    if (error) throw new ManifestError(file, lineAt(errorOffset(text, doc.errors)), `invalid YAML: ${error.message}`);
    for (const warning of doc.warnings) warnings.push({ file, line: lineAt(warning.pos[0]), message: warning.message });

    const contents: YamlNode = doc.contents;
    if (contents == null || (isScalar(contents) && contents.value == null)) continue;
    const docLine = nodeLine(contents, lineAt) ?? lineAt(doc.range[0]);
    const notAnObject = (reason: string) => {
      if (!scanned) throw new ManifestError(file, docLine, reason);
      warnings.push({ file, line: docLine, message: `${reason}; skipped (found in a directory; named on its own it would be an error)` });
    };
    if (!isMap(contents)) {
      notAnObject(`expected a Kubernetes object (a mapping with apiVersion and kind), found ${describeNode(contents)}`);
      continue;
    }
    let data: unknown;
    try {
      data = doc.toJS({ maxAliasCount: 100 });
    } catch (e) {
      throw new ManifestError(file, docLine, `invalid YAML: ${e instanceof Error ? e.message : String(e)}`);
    }
    const missing = missingTypeFields(data as Record<string, unknown>);
    if (missing) {
      notAnObject(`the document has no ${missing}, so it is not a Kubernetes object`);
      continue;
    }
    collect(objects, { file, doc, lineAt }, contents, data as Record<string, unknown>, docLine, undefined, 'document');
  }
  return objects;
}

/**
 * Where the first syntax error is, taken from the yaml package's error positions and adjusted for two ways it
 * points before the mistake: an error at a line break concerns what follows it (a list indented less than its key),
 * and a key that runs over several lines (a key indented deeper than its siblings) is wrong where it ends.
 */
function errorOffset(text: string, errors: readonly YAMLError[]): number {
  const first = errors[0]!;
  let offset = first.pos[0];
  const multilineKey = errors.find((e) => e.code === 'MULTILINE_IMPLICIT_KEY' && e.pos[0] === first.pos[0]);
  if (multilineKey) offset = multilineKey.pos[1] - 1;
  if (text[offset] === '\n' || text[offset] === '\r') {
    while (offset < text.length && /\s/.test(text[offset]!)) offset++;
  }
  return Math.min(offset, text.length);
}

interface ParseContext {
  file: string;
  doc: Document.Parsed;
  lineAt: (offset: number) => number;
}

function collect(
  out: LocatedObject[],
  ctx: ParseContext,
  node: YamlNode,
  data: Record<string, unknown>,
  line: number,
  inherited: { apiVersion: string; kind: string } | undefined,
  what: string,
): void {
  const apiVersion = nonEmptyString(data.apiVersion) ?? inherited?.apiVersion;
  const kind = nonEmptyString(data.kind) ?? inherited?.kind;
  if (!apiVersion || !kind) {
    throw new ManifestError(ctx.file, line, `the ${what} has no ${missingTypeFields({ apiVersion, kind })}, so it is not a Kubernetes object`);
  }

  if (isListKind(kind, data)) {
    const itemsNode = childNode(ctx.doc, node, 'items');
    const items = data.items == null ? [] : data.items;
    if (!Array.isArray(items)) {
      throw new ManifestError(ctx.file, lineOfPath(ctx, node, ['items'], line), `${kind}: items must be a list`);
    }
    // Items of a typed list (PodList) may leave out their kind; items of a plain List must name theirs.
    const itemDefaults = kind === LIST_SUFFIX ? undefined : { apiVersion, kind: kind.slice(0, -LIST_SUFFIX.length) };
    items.forEach((item: unknown, i) => {
      const itemNode = isSeq(itemsNode) ? resolve(ctx.doc, itemsNode.items[i]) : undefined;
      const itemLine = nodeLine(itemNode, ctx.lineAt) ?? line;
      if (!isPlainObject(item)) {
        throw new ManifestError(ctx.file, itemLine, `${kind} item ${i}: expected a Kubernetes object (a mapping), found ${describeValue(item)}`);
      }
      collect(out, ctx, itemNode, item, itemLine, itemDefaults, `${kind} item ${i}`);
    });
    return;
  }

  out.push({
    file: ctx.file,
    line,
    raw: { ...data, apiVersion, kind },
    lineOf: (path) => lineOfPath(ctx, node, path, line),
  });
}

/** "apiVersion", "kind" or "apiVersion and kind" when the object lacks them; undefined when it has both. */
function missingTypeFields(data: Record<string, unknown>): string | undefined {
  const missing = [!nonEmptyString(data.apiVersion) && 'apiVersion', !nonEmptyString(data.kind) && 'kind'].filter(Boolean);
  return missing.length ? missing.join(' and ') : undefined;
}

function isListKind(kind: string, data: Record<string, unknown>): boolean {
  if (kind === LIST_SUFFIX) return true;
  return kind.endsWith(LIST_SUFFIX) && kind.length > LIST_SUFFIX.length && Array.isArray(data.items);
}

/** Walks `path` from `node`, remembering the line of the last key or item found. */
function lineOfPath(ctx: ParseContext, node: YamlNode, path: readonly PropertyKey[], fallback: number): number {
  let line = fallback;
  let current = resolve(ctx.doc, node);
  for (const segment of path) {
    if (isMap(current)) {
      const pair = current.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
      if (!pair) break;
      line = nodeLine(pair.key, ctx.lineAt) ?? line;
      current = resolve(ctx.doc, pair.value);
    } else if (isSeq(current) && typeof segment === 'number') {
      const item = resolve(ctx.doc, current.items[segment]);
      if (item === undefined) break;
      line = nodeLine(item, ctx.lineAt) ?? line;
      current = item;
    } else {
      break;
    }
  }
  return line;
}

function childNode(doc: Document.Parsed, node: YamlNode, key: string): YamlNode {
  const map = resolve(doc, node);
  if (!isMap(map)) return undefined;
  const pair = map.items.find((p) => isScalar(p.key) && p.key.value === key);
  return resolve(doc, pair?.value);
}

function resolve(doc: Document.Parsed, node: YamlNode): YamlNode {
  return isAlias(node) ? node.resolve(doc) : node;
}

function nodeLine(node: YamlNode, lineAt: (offset: number) => number): number | undefined {
  const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
  return range ? lineAt(range[0]) : undefined;
}

function describeNode(node: YamlNode): string {
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) return describeValue(node.value);
  return 'something else';
}

function describeValue(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null || value === undefined) return 'nothing';
  if (typeof value === 'string') return 'a string';
  return `a ${typeof value}`;
}

function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
