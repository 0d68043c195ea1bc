/**
 * Read buffers of finished byte windows (`ByteWindow.release`), kept for the next windows of this
 * thread. A parse worker reads one range of a file after another, each through a window of about
 * 4.5 MB, and detects the container through one or two more: a fresh buffer each time made the
 * kernel fault in every 4 kB page of it again as the reads filled it (about 15,000 page faults in a
 * 300,000-record load; their system time showed in paired runs of the CLI).
 */
const spares: Buffer[] = [];
/** Buffers kept: as many as one range job's windows hold at a time. */
const MAX_SPARES = 2;
/** A window grown for a very long row is not kept: its buffer goes to the collector. */
const MAX_SPARE_BYTES = 16 << 20;

/** The smallest spare buffer of at least `least` bytes, taken from the spares; else a new one of `size`. */
export function takeBuffer(least: number, size: number): Buffer {
  let best = -1;
  for (let i = 0; i < spares.length; i++)
    if (spares[i].length >= least && (best < 0 || spares[i].length < spares[best].length)) best = i;
  if (best < 0) return Buffer.allocUnsafe(size);
  return spares.splice(best, 1)[0];
}

/** Keeps `buffer` for a later `takeBuffer` (the largest are kept); the giver must not use it again. */
export function giveBuffer(buffer: Buffer): void {
  if (buffer.length === 0 || buffer.length > MAX_SPARE_BYTES || spares.includes(buffer)) return;
  if (spares.length < MAX_SPARES) {
    spares.push(buffer);
    return;
  }
  let smallest = 0;
  for (let i = 1; i < spares.length; i++) if (spares[i].length < spares[smallest].length) smallest = i;
  if (spares[smallest].length < buffer.length) spares[smallest] = buffer;
}

/**
 * Lets the spare buffers go (a load done once: nothing of this thread reads a window again, and
 * each is a few MB held until the process ends).
 */
export function dropSpareBuffers(): void {
  spares.length = 0;
}

/** The spare buffers' sizes (tests). */
export function spareBufferSizes(): number[] {
  return spares.map((b) => b.length);
}
