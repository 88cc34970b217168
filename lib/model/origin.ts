/**
 * Where a model's objects came from: a cluster's list+watch, or manifests (YAML/JSON files; the built-in demo is
 * manifests too). Some checks read it: manifests carry no status and no Secret data, so what is absent there proves
 * less than in a live cluster.
 */
export type ModelOrigin = 'live' | 'manifests';
