/** Something the loader skipped or read in a way the author may not expect. `line` is 1-based; 0 means the whole file. */
export interface ManifestWarning {
  file: string;
  line: number;
  message: string;
}

/**
 * A manifest that cannot be read: broken YAML or JSON, a document that is not a Kubernetes object, or an object the
 * API server would reject. `message` reads `file:line: reason` (just `file: reason` when no line applies).
 */
export class ManifestError extends Error {
  override readonly name = 'ManifestError';

  constructor(
    readonly file: string,
    /** 1-based; 0 when the error concerns the whole file (for example a file that cannot be read). */
    readonly line: number,
    /** What is wrong, without the position. */
    readonly reason: string,
  ) {
    super(formatPosition(file, line, reason));
  }
}

/** `file:line: message`, the way compilers and kubectl print positions. */
export function formatWarning(warning: ManifestWarning): string {
  return formatPosition(warning.file, warning.line, warning.message);
}

function formatPosition(file: string, line: number, text: string): string {
  return line > 0 ? `${file}:${line}: ${text}` : `${file}: ${text}`;
}
