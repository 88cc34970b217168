import { formatWarning, type ManifestWarning } from '@/lib/sources/manifests';
import type { LoadLog } from './load-model';

/** The warnings of a load, each once: diff reads two trees, and a file both share would warn twice. */
export function uniqueWarnings(log: LoadLog): ManifestWarning[] {
  const seen = new Set<string>();
  return log.warnings.filter((w) => {
    const key = formatWarning(w);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * What a person reads on stderr about the input: each warning on its line, then one line counting the objects left
 * out because they cannot change an answer (kubectl dumps hold many), so that a warning stands out.
 */
export function loadReportLines(log: LoadLog): string[] {
  const lines = uniqueWarnings(log).map((w) => `warning: ${formatWarning(w)}`);
  const ignored = Object.entries(log.ignored).sort(([a, m], [b, n]) => n - m || (a < b ? -1 : 1));
  const total = ignored.reduce((sum, [, n]) => sum + n, 0);
  if (total > 0) {
    lines.push(`note: left out ${total} object${total === 1 ? '' : 's'} that cannot change a network answer (${ignored.map(([kind, n]) => `${kind} ${n}`).join(', ')})`);
  }
  return lines;
}
