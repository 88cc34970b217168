import { DEFAULT_WATCH_WINDOW, type WatchWindow } from './watch-stream';

/**
 * The watch window, from the environment: KUBE_NETMAP_WATCH_TIMEOUT_SECONDS (the server ends each watch after it)
 * and KUBE_NETMAP_WATCH_IDLE_MS (no byte for this long cuts the connection). Both exist so a test can live through
 * many windows in seconds; a value that is not a positive integer is refused rather than silently replaced.
 */
export function watchWindowFromEnv(env: Record<string, string | undefined>): WatchWindow {
  return {
    timeoutSeconds: positiveInteger(env, 'KUBE_NETMAP_WATCH_TIMEOUT_SECONDS') ?? DEFAULT_WATCH_WINDOW.timeoutSeconds,
    idleMs: positiveInteger(env, 'KUBE_NETMAP_WATCH_IDLE_MS') ?? DEFAULT_WATCH_WINDOW.idleMs,
  };
}

function positiveInteger(env: Record<string, string | undefined>, name: string): number | undefined {
  const value = env[name];
  if (value === undefined || value === '') return undefined;
  if (!/^[1-9][0-9]{0,8}$/.test(value)) throw new Error(`${name} must be a positive integer, got "${value}"`);
  return Number(value);
}
