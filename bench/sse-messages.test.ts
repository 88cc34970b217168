import { describe, expect, it } from 'vitest';
import { sseMessages } from './sse-messages.ts';

async function messagesOf(pieces: string[] | Uint8Array[]): Promise<string[]> {
  const encoder = new TextEncoder();
  async function* body() {
    for (const piece of pieces) yield typeof piece === 'string' ? encoder.encode(piece) : piece;
  }
  const out: string[] = [];
  for await (const { message } of sseMessages(body())) out.push(message);
  return out;
}

describe('sseMessages: the messages of a stream, whatever its pieces', () => {
  const cases: { name: string; pieces: string[]; want: string[] }[] = [
    { name: 'one message in one piece', pieces: ['event: a\ndata: 1\n\n'], want: ['event: a\ndata: 1'] },
    { name: 'two messages in one piece', pieces: ['data: 1\n\ndata: 2\n\n'], want: ['data: 1', 'data: 2'] },
    { name: 'a message over many pieces', pieces: ['da', 'ta: ', '12', '3\n\n'], want: ['data: 123'] },
    { name: 'the blank line split across two pieces', pieces: ['data: 1\n', '\ndata: 2\n\n'], want: ['data: 1', 'data: 2'] },
    { name: 'a piece that is only the end', pieces: ['data: 1', '\n\n'], want: ['data: 1'] },
    { name: 'an unfinished message is not given', pieces: ['data: 1\n\ndata: 2\n'], want: ['data: 1'] },
    { name: 'a large message in small pieces', pieces: [...('data: ' + 'x'.repeat(100_000)).match(/[\s\S]{1,997}/g)!, '\n\n'], want: ['data: ' + 'x'.repeat(100_000)] },
  ];
  it.each(cases)('$name', async ({ pieces, want }) => expect(await messagesOf(pieces)).toStrictEqual(want));

  it('a character of several bytes split across two pieces is decoded whole', async () => {
    const bytes = new TextEncoder().encode('data: é😀\n\n');
    expect(await messagesOf([bytes.slice(0, 7), bytes.slice(7, 10), bytes.slice(10)])).toStrictEqual(['data: é😀']);
  });
});
