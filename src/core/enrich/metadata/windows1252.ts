/**
 * Windows-1252 bytes 0x80–0x9F as Unicode (the rest is ISO-8859-1). Written out because Node 20's
 * TextDecoder('windows-1252') decodes these bytes as C1 controls (as latin1), not as `’ € “ ”`.
 * 0x81, 0x8D, 0x8F, 0x90 and 0x9D are unassigned and kept as their C1 code points, as WHATWG does.
 */
const HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/** Decodes Windows-1252 bytes (Excel's "CSV" on Western-language Windows). */
export function decodeWindows1252(bytes: Uint8Array): string {
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return latin1.replace(/[\u0080-\u009f]/g, (c) => HIGH[c.charCodeAt(0) - 0x80]);
}
