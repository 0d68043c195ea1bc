/**
 * Command line of the synthetic export generator:
 *   node out/test/support/generator/cli.js <sample-workspace|bench|export|export-set> … (--help)
 */
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import type { ContainerKind } from '../../../src/core/containers/types';
import { benchExportsUpToDate, benchFileNames, writeBenchExports } from './bench';
import { generateScenario } from './scenario';
import { writeSampleWorkspace } from './sampleWorkspace';
import { computeTruth, writeTruth } from './truth';
import { truthOptions, writeExport, writeExportSet } from './writeExport';
import { ALL_CONTAINERS, type FileEncoding } from './writers/options';

const HELP = `Synthetic MailItemsAccessed export generator (deterministic: same seed, same bytes).

Usage:
  cli.js sample-workspace <dir> [--seed N]
      The npm start / UI test workspace: <dir>/exports/* (7 exports in 6 containers, broken rows,
      hostile strings), <dir>/truth.json, <dir>/README.md.
  cli.js bench <dir> [--records N] [--seed N] [--force] [--include-message-ids]
      New-format Purview CSV (~780 MB at 300,000 records) + the same records as JSON Lines + truth.
      Skips the work when <dir> already holds them for this generator version (unless --force).
  cli.js export <container> <file> [--seed N] [--scale small|medium] [--encoding E] [--eol crlf|lf]
                [--order asc|desc] [--include-broken] [--truth FILE]
      Every record of the scenario in one container; --truth writes that file's truth.
  cli.js export-set <dir> [--seed N] [--scale small|medium]
      The scenario's split, overlapping export set and <dir>/truth.json.

Containers: ${ALL_CONTAINERS.join(', ')}
Encodings: utf-8, utf-8-bom, utf-16le-bom
`;

class UsageError extends Error {}

function int(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`--${name} must be a non-negative integer`);
  return n;
}

function scale(value: string | undefined): 'small' | 'medium' | undefined {
  if (value === undefined || value === 'small' || value === 'medium') return value;
  throw new UsageError('--scale must be small or medium');
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      help: { type: 'boolean', short: 'h' },
      seed: { type: 'string' },
      scale: { type: 'string' },
      records: { type: 'string' },
      force: { type: 'boolean' },
      'include-message-ids': { type: 'boolean' },
      'include-broken': { type: 'boolean' },
      encoding: { type: 'string' },
      eol: { type: 'string' },
      order: { type: 'string' },
      truth: { type: 'string' },
    },
  });
  const [command, ...rest] = positionals;
  if (values.help || command === undefined || command === 'help') {
    process.stdout.write(HELP);
    return command === undefined && !values.help ? 2 : 0;
  }
  const seed = int(values.seed, 'seed');
  switch (command) {
    case 'sample-workspace': {
      if (rest.length !== 1) throw new UsageError('sample-workspace needs exactly one <dir>');
      const ws = await writeSampleWorkspace(path.resolve(rest[0]), { seed });
      process.stdout.write(`${ws.files.length} exports in ${ws.exportsDir}, truth in ${ws.truthPath}\n`);
      return 0;
    }
    case 'bench': {
      if (rest.length !== 1) throw new UsageError('bench needs exactly one <dir>');
      const dir = path.resolve(rest[0]);
      const records = int(values.records, 'records') ?? 300000;
      const benchSeed = seed ?? 20250201;
      if (!values.force && (await benchExportsUpToDate(dir, records, benchSeed))) {
        process.stdout.write(`up to date: ${path.join(dir, benchFileNames(records).csv)}\n`);
        return 0;
      }
      const tty = process.stderr.isTTY;
      const result = await writeBenchExports(dir, records, {
        seed: benchSeed,
        includeMessageIds: values['include-message-ids'],
        onProgress: (done, total) => {
          if (tty) process.stderr.write(`\r${done}/${total} records`);
          else if (done % 100000 === 0) process.stderr.write(`${done}/${total} records\n`);
        },
      });
      if (tty) process.stderr.write('\n');
      process.stdout.write(
        `${result.records} records in ${(result.ms / 1000).toFixed(1)} s: ${result.csvPath} (${(result.csvBytes / 1e6).toFixed(1)} MB), ` +
          `${result.jsonlPath} (${(result.jsonlBytes / 1e6).toFixed(1)} MB), ${result.truthPath}\n`,
      );
      return 0;
    }
    case 'export': {
      if (rest.length !== 2) throw new UsageError('export needs <container> <file>');
      const container = rest[0] as ContainerKind;
      if (!ALL_CONTAINERS.includes(container)) throw new UsageError(`unknown container ${rest[0]}`);
      const encoding = values.encoding as FileEncoding | undefined;
      if (encoding && !['utf-8', 'utf-8-bom', 'utf-16le-bom'].includes(encoding))
        throw new UsageError(`unknown encoding ${encoding}`);
      if (values.eol && values.eol !== 'crlf' && values.eol !== 'lf')
        throw new UsageError('--eol must be crlf or lf');
      if (values.order && values.order !== 'asc' && values.order !== 'desc')
        throw new UsageError('--order must be asc or desc');
      const scenario = generateScenario({ seed, scale: scale(values.scale) });
      const written = await writeExport(scenario, container, path.resolve(rest[1]), {
        encoding,
        eol: values.eol as 'crlf' | 'lf' | undefined,
        order: values.order as 'asc' | 'desc' | undefined,
        includeBroken: values['include-broken'],
      });
      if (values.truth)
        await writeTruth(path.resolve(values.truth), computeTruth([written], truthOptions(scenario)));
      process.stdout.write(`${written.rows.length} rows, ${written.bytes} bytes: ${written.path}\n`);
      return 0;
    }
    case 'export-set': {
      if (rest.length !== 1) throw new UsageError('export-set needs exactly one <dir>');
      const set = await writeExportSet(
        generateScenario({ seed, scale: scale(values.scale) }),
        path.resolve(rest[0]),
      );
      process.stdout.write(`${set.files.length} exports, truth in ${set.truthPath}\n`);
      return 0;
    }
    default:
      throw new UsageError(`unknown command ${command}`);
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (e: unknown) => {
      const usage = e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
      process.stderr.write(`${usage ? 'usage error: ' : ''}${e instanceof Error ? e.message : String(e)}\n`);
      if (usage) process.stderr.write('Run with --help for usage.\n');
      process.exitCode = usage ? 2 : 1;
    },
  );
}

export { main as generatorCli };
