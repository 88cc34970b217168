import http from 'node:http';

/**
 * Bytes on the wire for the page's first view of a context: the snapshot as the browser asks for it (gzip, br),
 * counted before decompression, beside its decoded size. fetch() would decode it without saying how much came.
 */
export function firstViewBytes(snapshotUrl: string): Promise<{ wire: number; encoding: string }> {
  return new Promise((resolve, reject) => {
    const request = http.get(snapshotUrl, { headers: { 'Accept-Encoding': 'gzip, deflate, br' } }, (response) => {
      let wire = 0;
      response.on('data', (chunk: Buffer) => (wire += chunk.length));
      response.on('end', () => resolve({ wire, encoding: response.headers['content-encoding'] ?? 'identity' }));
      response.on('error', reject);
    });
    request.on('error', reject);
  });
}
