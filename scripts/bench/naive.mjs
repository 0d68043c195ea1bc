// The naive reference pipeline: papaparse (CSV) or readline (JSON Lines) + JSON.parse of every
// AuditData, answers accumulated in plain Sets. Usage: node naive.mjs <csv|jsonl> <file> <answers.json>
import { createReadStream, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import Papa from 'papaparse';
import { AnswerAccumulator } from './answers.mjs';

const [format, file, out] = process.argv.slice(2);
const acc = new AnswerAccumulator();
if (format === 'csv') {
  await new Promise((resolve, reject) => {
    Papa.parse(createReadStream(file, 'utf8'), {
      header: true,
      skipEmptyLines: true,
      step: (row) => {
        const text = row.data.AuditData;
        if (!text) return;
        try {
          acc.add(JSON.parse(text));
        } catch {
          // a broken row is skipped, as the engine does
        }
      },
      complete: resolve,
      error: reject,
    });
  });
} else {
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    try {
      const o = JSON.parse(line);
      acc.add(typeof o.AuditData === 'string' ? JSON.parse(o.AuditData) : (o.AuditData ?? o));
    } catch {
      // skipped
    }
  }
}
writeFileSync(out, JSON.stringify(acc.result()));
