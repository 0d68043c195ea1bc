import Decoder from 'mmdb-lib/lib/decoder';
import ip from 'mmdb-lib/lib/ip';
import type { Metadata } from 'mmdb-lib/lib/metadata';
import { PagedFile } from './pagedFile';

/** Zero bytes between an MMDB's search tree and its data section (the format's rule). */
const DATA_SECTION_SEPARATOR = 16;

/**
 * An MMDB searched where it lies in the file, read through a `PagedFile`: the search tree's nodes
 * as the walk needs them, the data section (small: the bundled country database's is under 2 kB)
 * once, decoded by mmdb-lib's decoder. Finds what mmdb-lib's `Reader.get` finds (same walk: an IPv4
 * address starts at the node 96 zero bits down an IPv6 tree), without holding the tree.
 */
export function pagedMmdb(
  file: string,
  metadata: Metadata,
  size: number,
): { get(address: string): unknown; release(): void } {
  const { nodeCount, nodeByteSize, recordSize, searchTreeSize } = metadata;
  const bytes = new PagedFile(file, size);
  const data = bytes.read(searchTreeSize, size - searchTreeSize);
  // Pointers in the data section count from its start (past the separator).
  const decoder = new Decoder(data, DATA_SECTION_SEPARATOR);
  const child = nodeReader(recordSize);
  const next = (node: number, bit: number): number =>
    child(bytes.read(node * nodeByteSize, nodeByteSize), bit);
  let ipv4Start: number | undefined;
  const startOf = (bytes: number): number => {
    if (bytes !== 4 || metadata.ipVersion === 4) return 0;
    if (ipv4Start === undefined) {
      let node = 0;
      for (let i = 0; i < 96 && node < nodeCount; i++) node = next(node, 0);
      ipv4Start = node;
    }
    return ipv4Start;
  };
  return {
    get(address: string): unknown {
      const raw = ip.parse(address);
      const bits = raw.length * 8;
      let node = startOf(raw.length);
      for (let depth = 0; depth < bits && node < nodeCount; depth++) node = next(node, ip.bitAt(raw, depth));
      // A record past the node count points into the data section; equal to it: no data.
      if (node <= nodeCount) return null;
      return (decoder.decodeFast(node - nodeCount) as { value: unknown }).value;
    },
    release: () => bytes.release(),
  };
}

/** Reads the left (bit 0) or right (bit 1) record of a node's bytes, as `recordSize` lays them out. */
function nodeReader(recordSize: number): (node: Buffer, bit: number) => number {
  switch (recordSize) {
    case 24:
      return (b, bit) => b.readUIntBE(bit * 3, 3);
    case 28:
      return (b, bit) =>
        bit === 0 ? ((b[3] & 0xf0) << 20) | b.readUIntBE(0, 3) : ((b[3] & 0x0f) << 24) | b.readUIntBE(4, 3);
    case 32:
      return (b, bit) => b.readUInt32BE(bit * 4);
  }
  throw new Error(`unsupported MMDB record size ${recordSize}`);
}
