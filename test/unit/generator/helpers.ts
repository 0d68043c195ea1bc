/** Helpers shared by the generator's unit tests. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as Papa from 'papaparse';
import type { ExportRow } from '../../support/generator/scenarioTypes';
import { generateScenario } from '../../support/generator/scenario';
import type { Scenario } from '../../support/generator/scenarioTypes';

/** Decodes export bytes by their BOM, as a reader would. */
export function decode(bytes: Buffer): { text: string; bom: 'utf-8' | 'utf-16le' | 'none' } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { text: bytes.subarray(3).toString('utf8'), bom: 'utf-8' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: bytes.subarray(2).toString('utf16le'), bom: 'utf-16le' };
  return { text: bytes.toString('utf8'), bom: 'none' };
}

/** Parses CSV text with papaparse (the reference reader). */
export function parseCsv(text: string): { data: string[][]; errors: Papa.ParseError[] } {
  const result = Papa.parse<string[]>(text, { delimiter: ',', skipEmptyLines: true });
  return { data: result.data, errors: result.errors };
}

/** A fresh temporary folder, removed by the returned function. */
export function tempDir(prefix: string): { dir: string; remove: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `mia-gen-${prefix}-`));
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

let small: Scenario | undefined;
/** The default small scenario, generated once per test run (tests must not mutate it). */
export function smallScenario(): Scenario {
  return (small ??= generateScenario({ scale: 'small' }));
}

/** The scenario's records as rows, newest first. */
export function rowsOf(scenario: Scenario, count?: number): ExportRow[] {
  const rows = scenario.records.map((audit) => ({ audit }));
  return count === undefined ? rows : rows.slice(0, count);
}

/** The text lines of a file (split on LF; CR kept off). */
export function linesOf(text: string): string[] {
  return text.split('\n').map((l) => l.replace(/\r$/, ''));
}
