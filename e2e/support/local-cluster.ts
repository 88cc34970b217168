import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const scripts = path.resolve(import.meta.dirname, '..', '..', 'scripts', 'cluster');

/** True when the suite runs on the control plane of scripts/cluster (not on a user's kind or minikube). */
export const isLocalCluster = process.env.E2E_LOCAL_CLUSTER === '1';

export function stopComponent(name: string): void {
  execFileSync('bash', [path.join(scripts, 'component.sh'), 'stop', name], { stdio: 'inherit' });
}

/** Starts a stopped component again; for the API server it returns once /readyz answers. */
export function startComponent(name: string): void {
  execFileSync('bash', [path.join(scripts, 'component.sh'), 'start', name], { stdio: 'inherit', timeout: 90_000 });
}

function stateDir(): string {
  const cache = process.env.KUBE_NETMAP_CACHE ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'kube-netmap');
  return process.env.KUBE_NETMAP_CLUSTER_DIR ?? path.join(cache, 'cluster');
}

/**
 * A client certificate for the user `commonName`, signed by the local control plane's CA (the API server's
 * --client-ca-file), as PEM: what a kubeconfig's client-certificate and client-key hold.
 */
export function signClientCertificate(commonName: string): { cert: string; key: string } {
  const pki = path.join(stateDir(), 'pki');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-netmap-client-cert-'));
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  try {
    openssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'user.key', '-out', 'user.csr', '-subj', `/CN=${commonName}`);
    fs.writeFileSync(path.join(dir, 'user.ext'), 'extendedKeyUsage=clientAuth\n');
    openssl('x509', '-req', '-in', 'user.csr', '-CA', path.join(pki, 'ca.crt'), '-CAkey', path.join(pki, 'ca.key'), '-CAcreateserial', '-CAserial', 'ca.srl', '-out', 'user.crt', '-days', '1', '-extfile', 'user.ext');
    return { cert: fs.readFileSync(path.join(dir, 'user.crt'), 'utf8'), key: fs.readFileSync(path.join(dir, 'user.key'), 'utf8') };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export interface AuditEvent {
  verb: string;
  /** When the event was logged (RFC 3339, microseconds): the request's response started or completed. */
  stageTimestamp?: string;
  user: { username: string };
  requestURI: string;
  objectRef?: { resource?: string; namespace?: string };
  responseStatus?: { code?: number };
  /** Logged for Secrets only (see write_audit_policy in scripts/cluster/up.sh). */
  responseObject?: { kind?: string };
}

/** The API server's audit log of the local cluster: every request, Secrets with their responses. */
export function readAuditLog(): AuditEvent[] {
  const file = path.join(stateDir(), 'logs', 'audit.log');
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as AuditEvent);
}
