// Container image references, as far as the rules need them: `registry/path/name:tag@digest`.

/** `quay.io/cilium/cilium:v1.16.5@sha256:...` → `quay.io/cilium/cilium`. A registry port (`host:5000/x`) stays. */
export function imageRepository(image: string): string {
  const withoutDigest = image.split('@')[0] ?? '';
  const slash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.lastIndexOf(':');
  return colon > slash ? withoutDigest.slice(0, colon) : withoutDigest;
}

/** The tag, or undefined for an image named by digest only (or by nothing, which means "latest"). */
export function imageTag(image: string): string | undefined {
  const withoutDigest = image.split('@')[0] ?? '';
  const slash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.lastIndexOf(':');
  return colon > slash ? withoutDigest.slice(colon + 1) : undefined;
}

/** Whether the image is `path` from any registry: `cilium/cilium` matches `quay.io/cilium/cilium:v1.16.5`. */
export function isImage(image: string, path: string): boolean {
  const repository = imageRepository(image);
  return repository === path || repository.endsWith(`/${path}`);
}
