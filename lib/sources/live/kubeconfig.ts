import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { parse } from 'yaml';

const SERVICE_ACCOUNT_TOKEN = '/var/run/secrets/kubernetes.io/serviceaccount/token';

/** Where the kubeconfig comes from, found the way kubectl finds it. */
export type KubeconfigOrigin =
  | { kind: 'files'; paths: string[] }
  | { kind: 'in-cluster' }
  | { kind: 'none'; reason: string };

export interface ContextInfo {
  name: string;
  cluster: string;
  server: string;
  user: string;
  namespace?: string;
  /** The cluster's `insecure-skip-tls-verify`: its server's certificate is not checked, which the page warns of. */
  insecureSkipTLSVerify?: true;
}

export interface LoadedKubeconfig {
  origin: KubeconfigOrigin;
  contexts: ContextInfo[];
  currentContext?: string;
  /** Set when a kubeconfig exists but cannot be read. */
  error?: string;
  config?: KubeConfig;
}

interface Environment {
  env: Record<string, string | undefined>;
  exists: (file: string) => boolean;
  home: string;
}

const realEnvironment = (): Environment => ({ env: process.env, exists: fs.existsSync, home: os.homedir() });

/**
 * KUBECONFIG (a path list; missing entries are skipped, as kubectl does), else ~/.kube/config, else the in-cluster
 * service account. client-node's loadFromDefault would invent a context for http://localhost:8080 when none of
 * these exists; we say "none" instead, so the app can explain how to connect rather than poke a random port.
 */
export function locateKubeconfig({ env, exists, home }: Environment = realEnvironment()): KubeconfigOrigin {
  if (env.KUBECONFIG) {
    const listed = env.KUBECONFIG.split(path.delimiter).filter(Boolean);
    const paths = listed.filter((p) => exists(p));
    if (paths.length > 0) return { kind: 'files', paths };
    return { kind: 'none', reason: `KUBECONFIG is set to ${env.KUBECONFIG}, but no such file exists.` };
  }
  const defaultPath = path.join(home, '.kube', 'config');
  if (exists(defaultPath)) return { kind: 'files', paths: [defaultPath] };
  if (env.KUBERNETES_SERVICE_HOST && exists(SERVICE_ACCOUNT_TOKEN)) return { kind: 'in-cluster' };
  return { kind: 'none', reason: `No kubeconfig found: KUBECONFIG is not set and ${defaultPath} does not exist.` };
}

export function loadKubeconfig(origin: KubeconfigOrigin = locateKubeconfig()): LoadedKubeconfig {
  if (origin.kind === 'none') return { origin, contexts: [] };
  const config = new KubeConfig();
  try {
    if (origin.kind === 'in-cluster') {
      config.loadFromCluster();
    } else {
      mergeKubeconfigs(
        config,
        origin.paths.map((file) => {
          const one = new KubeConfig();
          loadKubeconfigFile(one, file);
          return one;
        }),
      );
    }
  } catch (error) {
    return { origin, contexts: [], error: `Cannot read the kubeconfig: ${(error as Error).message}` };
  }
  const contexts = config.getContexts().map((c) => {
    const info: ContextInfo = {
      name: c.name,
      cluster: c.cluster,
      user: c.user,
      server: config.getCluster(c.cluster)?.server ?? '',
    };
    if (c.namespace) info.namespace = c.namespace;
    if (config.getCluster(c.cluster)?.skipTLSVerify) info.insecureSkipTLSVerify = true;
    return info;
  });
  const currentContext = config.getCurrentContext() || contexts[0]?.name;
  return { origin, contexts, config, ...(currentContext ? { currentContext } : {}) };
}

/**
 * The files of a KUBECONFIG list merged as kubectl merges them: the first file to define a cluster, user or context
 * name keeps it, and the first file that sets a current-context sets it. (client-node's mergeConfig throws on a name
 * two files define, as the cluster entry of kubeconfigs written for one cluster often is, and lets the last file's
 * current-context win.)
 */
function mergeKubeconfigs(into: KubeConfig, files: KubeConfig[]): void {
  const firstOf = <T extends { name: string }>(lists: T[][]) => {
    const seen = new Set<string>();
    return lists.flat().filter((item) => !seen.has(item.name) && seen.add(item.name));
  };
  into.loadFromOptions({
    clusters: firstOf(files.map((f) => f.getClusters())),
    users: firstOf(files.map((f) => f.getUsers())),
    contexts: firstOf(files.map((f) => f.getContexts())),
    currentContext: files.map((f) => f.getCurrentContext()).find(Boolean) ?? '',
  });
}

/**
 * client-node reads any YAML as a kubeconfig, and a file that is none (/etc/passwd, a manifest) as an empty one; kubectl
 * would then talk of missing contexts. A file that defines no cluster, context or user is refused by name instead.
 */
function loadKubeconfigFile(config: KubeConfig, file: string): void {
  try {
    config.loadFromFile(file);
  } catch (error) {
    throw new Error(`${file}: ${(error as Error).message}`);
  }
  readTokenFiles(config, file);
  if (config.getClusters().length === 0 && config.getContexts().length === 0 && config.getUsers().length === 0) {
    throw new Error(`${file} is not a kubeconfig: it defines no clusters, contexts or users`);
  }
}

/**
 * kubectl's `tokenFile` (users[].user.tokenFile, a path relative to the kubeconfig's own folder): client-node reads
 * only a field it calls `token-file`, so such a user would go unauthenticated. It becomes client-node's file token
 * provider, which rereads the file as the token rotates; applyCredentials trims what it reads, as kubectl does.
 */
function readTokenFiles(config: KubeConfig, file: string): void {
  const raw = parse(fs.readFileSync(file, 'utf8')) as { users?: { name?: string; user?: { tokenFile?: unknown; token?: unknown } }[] } | null;
  const tokenFiles = new Map<string, string>();
  for (const entry of raw?.users ?? []) {
    const tokenFile = entry.user?.tokenFile;
    if (entry.name && typeof tokenFile === 'string' && tokenFile && !entry.user?.token) tokenFiles.set(entry.name, path.resolve(path.dirname(file), tokenFile));
  }
  if (tokenFiles.size === 0) return;
  config.users = config.users.map((user) => {
    const tokenFile = tokenFiles.get(user.name);
    return tokenFile ? { ...user, authProvider: { name: 'tokenFile', config: { tokenFile } } } : user;
  });
}

/** A KubeConfig of its own for one context, so that watchers of different contexts never share mutable state. */
export function configForContext(loaded: LoadedKubeconfig, context: string): KubeConfig | undefined {
  if (!loaded.config || !loaded.contexts.some((c) => c.name === context)) return undefined;
  const config = new KubeConfig();
  config.loadFromOptions({
    clusters: loaded.config.getClusters(),
    users: loaded.config.getUsers(),
    contexts: loaded.config.getContexts(),
    currentContext: context,
  });
  return config;
}
