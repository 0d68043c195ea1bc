import type { TextEncoding } from '../containers/types';
import type { UnitWidth } from './units';

/** How the text of a file is laid out in bytes. */
export interface TextLayout {
  encoding: TextEncoding;
  /** Bytes of byte-order mark at the start of the file (0, 2 or 3). */
  bomLength: number;
  unitWidth: UnitWidth;
}

/** Result of sniffing the encoding: a layout, or the reason the text cannot be read. */
export type LayoutSniff = { layout: TextLayout } | { unsupported: string };

/**
 * Decides the encoding from the first bytes of a file: a UTF-8 or UTF-16LE byte-order mark, else
 * the NUL-byte pattern of BOM-less UTF-16LE (ASCII-heavy text has a NUL in almost every odd byte),
 * else UTF-8. UTF-16BE and UTF-32 are refused with a reason rather than misread.
 */
export function sniffTextLayout(head: Uint8Array): LayoutSniff {
  if (head.length >= 4 && head[0] === 0xff && head[1] === 0xfe && head[2] === 0 && head[3] === 0) {
    return { unsupported: 'UTF-32 text is not supported; re-save the file as UTF-8' };
  }
  if (head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) {
    return { layout: { encoding: 'utf-8', bomLength: 3, unitWidth: 1 } };
  }
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) {
    return { layout: { encoding: 'utf-16le', bomLength: 2, unitWidth: 2 } };
  }
  if (head.length >= 2 && head[0] === 0xfe && head[1] === 0xff) {
    return { unsupported: 'UTF-16 big-endian text is not supported; re-save the file as UTF-8' };
  }
  const pairs = Math.min(head.length, 4096) >> 1;
  if (pairs >= 2) {
    let oddNul = 0;
    let evenNul = 0;
    for (let i = 0; i < pairs * 2; i += 2) {
      if (head[i] === 0) evenNul++;
      if (head[i + 1] === 0) oddNul++;
    }
    // Thresholds leave room for non-ASCII text (accents, CJK) while refusing binary noise.
    if (oddNul >= pairs * 0.3 && evenNul <= pairs * 0.05) {
      return { layout: { encoding: 'utf-16le', bomLength: 0, unitWidth: 2 } };
    }
    if (evenNul >= pairs * 0.3 && oddNul <= pairs * 0.05) {
      return { unsupported: 'UTF-16 big-endian text is not supported; re-save the file as UTF-8' };
    }
  }
  return { layout: { encoding: 'utf-8', bomLength: 0, unitWidth: 1 } };
}
