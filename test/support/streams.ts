import type { Duplex } from 'node:stream';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** Runs `input` through a transforming stream (encrypting, decrypting) and returns all it wrote. */
export async function through(stream: Duplex, input: Buffer): Promise<Buffer> {
  const chunks: Buffer[] = [];
  await pipeline(Readable.from([input]), stream, async (source: AsyncIterable<unknown>) => {
    for await (const chunk of source) chunks.push(Buffer.from(chunk as Uint8Array));
  });
  return Buffer.concat(chunks);
}
