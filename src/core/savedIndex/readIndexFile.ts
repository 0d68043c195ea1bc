import { open } from 'node:fs/promises';
import { crc32 } from 'node:zlib';
import { HEADER_BYTES } from './indexFormat';

/** Bytes per read: large enough that a 100 MB index takes a dozen reads. */
const CHUNK = 8 << 20;

/**
 * Reads a saved index into one buffer and computes the CRC-32 of the bytes after its header on the
 * way: each chunk is checked while the next one is being read, so the check costs next to nothing
 * on top of the read.
 */
export async function readIndexFile(file: string): Promise<{ bytes: Buffer; crc: number }> {
  const handle = await open(file, 'r');
  try {
    const size = (await handle.stat()).size;
    // Memory V8 does not count as its own: every ArrayBuffer allocated since the last full
    // collection counts towards a limit (64 MiB) past which V8 marks the whole heap; the index of
    // 300,000 records is 80 MB, and on a heap holding another large export that meant seconds of
    // marking during the reopen. A shared buffer's bytes are left out of that count and are freed
    // with it all the same (nothing else ever sees this buffer).
    const bytes = Buffer.from(new SharedArrayBuffer(size));
    let crc = 0;
    let checked = Math.min(HEADER_BYTES, size);
    let at = 0;
    while (at < size) {
      const reading = handle.read(bytes, at, Math.min(CHUNK, size - at), at);
      if (at > checked) {
        crc = crc32(bytes.subarray(checked, at), crc);
        checked = at;
      }
      const { bytesRead } = await reading;
      if (bytesRead === 0) break;
      at += bytesRead;
    }
    if (at > checked) crc = crc32(bytes.subarray(checked, at), crc);
    return { bytes: at === size ? bytes : bytes.subarray(0, at), crc };
  } finally {
    await handle.close();
  }
}
