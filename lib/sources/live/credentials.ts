import fs from 'node:fs';
import type { KubeConfig, RequestContext } from '@kubernetes/client-node';

/**
 * A context's credential plugin (users[].user.exec) failed or could not be run. client-node rejects with the
 * plugin's stderr alone (or the spawn error); a person needs the command too, to know which login to renew.
 */
export class CredentialPluginError extends Error {
  constructor(
    readonly command: string,
    detail: string,
  ) {
    super(`the credential plugin "${command}" failed: ${detail}`);
    this.name = 'CredentialPluginError';
  }
}

/** Puts the context's credentials on the request; a failing exec plugin becomes a CredentialPluginError. */
export async function applyCredentials(config: KubeConfig, request: RequestContext): Promise<void> {
  try {
    await config.applySecurityAuthentication(request);
    // A token file (see kubeconfig.ts), read here on each request: client-node's provider sends the file as it is,
    // a final newline included (kubectl trims it), and its one instance serves every user the token of the first
    // file it read, for a minute, so a second context with a token file would send the first one's.
    const tokenFile = (config.getCurrentUser()?.authProvider as { config?: { tokenFile?: string } } | undefined)?.config?.tokenFile;
    if (tokenFile) request.setHeaderParam('Authorization', `Bearer ${fs.readFileSync(tokenFile, 'utf8').trim()}`);
  } catch (error) {
    const command = config.getCurrentUser()?.exec?.command;
    if (!command) throw error;
    const detail = error instanceof Error ? error.message.trim() : String(error);
    throw new CredentialPluginError(command, detail || 'it exited with an error and printed nothing');
  }
}
