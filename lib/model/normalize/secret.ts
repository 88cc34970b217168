import type { SecretName } from '../types';
import { normalizeMeta } from './common';
import type { RawObject } from './raw';

/** Keeps a Secret's identity only. Whatever else the raw object carries (data, labels, annotations) is dropped. */
export function normalizeSecretName(raw: RawObject): SecretName {
  const meta = normalizeMeta(raw.metadata);
  return { meta: { uid: meta.uid, name: meta.name, ...(meta.namespace ? { namespace: meta.namespace } : {}), labels: {}, resourceVersion: meta.resourceVersion } };
}
