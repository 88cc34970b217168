// The Server-Sent Events messages of a response body as a bench client reads them: each message's text, with the
// time the piece that completed it arrived. A message's pieces are joined once: at 50,000 pods a relist is one
// message of tens of MB, and appending every piece to a string and searching all of it again for the blank line
// that ends a message made the soak's client spend seconds per message (quadratic in its size).

const MESSAGE_END = '\n\n';

export async function* sseMessages(body: AsyncIterable<Uint8Array>): AsyncGenerator<{ message: string; at: number }> {
  const decoder = new TextDecoder();
  let parts: string[] = [];
  // The last characters held, where a message end split across two pieces begins.
  let tail = '';
  for await (const chunk of body) {
    const at = performance.now();
    const text = decoder.decode(chunk, { stream: true });
    const seam = tail + text.slice(0, MESSAGE_END.length - 1);
    const ends = seam.includes(MESSAGE_END) || text.includes(MESSAGE_END);
    parts.push(text);
    tail = (tail + text).slice(-(MESSAGE_END.length - 1));
    if (!ends) continue;
    let buffer = parts.join('');
    let end: number;
    while ((end = buffer.indexOf(MESSAGE_END)) >= 0) {
      yield { message: buffer.slice(0, end), at };
      buffer = buffer.slice(end + MESSAGE_END.length);
    }
    parts = buffer ? [buffer] : [];
    tail = buffer.slice(-(MESSAGE_END.length - 1));
  }
}
