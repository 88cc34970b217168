// The manifests source: Kubernetes YAML/JSON files read into the same ClusterModel the live source fills.
// model.ts is pure (no file system) and can run anywhere; load.ts reads files and standard input.
export { ManifestError, formatWarning, type ManifestWarning } from './errors';
export { modelFromDocuments, TEMPLATE_POD_SUFFIX, type ManifestLoadResult, type ManifestSource } from './model';
export { loadManifestPaths, MAX_INPUT_BYTES, STDIN_LABEL, STDIN_PATH, type LoadOptions } from './load';
