import * as fs from 'node:fs';
import * as path from 'node:path';
import * as readline from 'node:readline';

/** What the first, minimal editor shows about an export. */
export interface ExportSummary {
  fileName: string;
  sizeBytes: number;
  /** Records found by a rough count, or null when the file is too large for this placeholder. */
  records: number | null;
}

/** Whole-file JSON parsing is only attempted below this size; the engine streams instead. */
const maxJsonParseBytes = 64 * 1024 * 1024;

/**
 * Placeholder until the engine's container readers are wired into the editor: counts records by
 * shape (JSON array / `{ value: [] }` page / single object, JSON Lines, or CSV rows after the
 * header). Reads the file, never writes it (evidence is read-only).
 */
export async function summariseExport(filePath: string): Promise<ExportSummary> {
  const { size } = await fs.promises.stat(filePath);
  const fileName = path.basename(filePath);
  const first = await firstNonSpaceChar(filePath);
  if (first === '[' || first === '{') {
    const whole = size <= maxJsonParseBytes ? await tryParseJson(filePath) : undefined;
    if (whole !== undefined) return { fileName, sizeBytes: size, records: countJsonRecords(whole) };
    // Several objects (JSON Lines) or too large to parse at once: one record per non-blank line.
    return { fileName, sizeBytes: size, records: await countLines(filePath, () => true) };
  }
  const dataLines = await countLines(filePath, (line) => !line.startsWith('#TYPE'));
  return { fileName, sizeBytes: size, records: Math.max(0, dataLines - 1) };
}

function countJsonRecords(value: unknown): number {
  if (Array.isArray(value)) return value.length;
  if (value !== null && typeof value === 'object') {
    const page = (value as { value?: unknown }).value;
    if (Array.isArray(page)) return page.length;
  }
  return 1;
}

async function firstNonSpaceChar(filePath: string): Promise<string | undefined> {
  const handle = await fs.promises.open(filePath, 'r');
  try {
    const buffer = Buffer.alloc(4096);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const text = buffer
      .subarray(0, bytesRead)
      .toString('utf8')
      .replace(/^\uFEFF/, '');
    return /\S/.exec(text)?.[0];
  } finally {
    await handle.close();
  }
}

async function tryParseJson(filePath: string): Promise<unknown> {
  try {
    return JSON.parse((await fs.promises.readFile(filePath, 'utf8')).replace(/^\uFEFF/, '')) as unknown;
  } catch {
    return undefined;
  }
}

async function countLines(filePath: string, keep: (line: string) => boolean): Promise<number> {
  const lines = readline.createInterface({ input: fs.createReadStream(filePath, { flags: 'r' }) });
  let count = 0;
  for await (const line of lines) if (line.trim() !== '' && keep(line)) count++;
  return count;
}
