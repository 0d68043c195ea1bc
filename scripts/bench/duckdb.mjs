// DuckDB reference, written as an experienced analyst would: read_csv (or read_json_objects) +
// JSON extraction, every core. Usage: node duckdb.mjs <csv|jsonl> <file> <answers.json>
import { writeFileSync } from 'node:fs';
import * as os from 'node:os';
import { DuckDBInstance } from '@duckdb/node-api';

const [format, file, out] = process.argv.slice(2);
const instance = await DuckDBInstance.create(':memory:', { threads: String(os.cpus().length) });
const db = await instance.connect();
const lit = (s) => `'${s.replace(/'/g, "''")}'`;
const source =
  format === 'csv'
    ? `SELECT CAST(AuditData AS JSON) AS a FROM read_csv(${lit(file)}, header = true, all_varchar = true, quote = '"', escape = '"')`
    : `SELECT CASE WHEN json_type(json, '$.AuditData') = 'VARCHAR' THEN CAST(json ->> '$.AuditData' AS JSON)
              WHEN json_exists(json, '$.AuditData') THEN json -> '$.AuditData' ELSE json END AS a
       FROM read_json_objects(${lit(file)}, format = 'newline_delimited')`;

// One JSON parse per row: every needed path extracted in one call (a list of paths).
await db.run(`
CREATE TEMP TABLE mia AS
SELECT DISTINCT ON (id) * FROM (
  SELECT trim(v[1]) AS id,
         lower(coalesce(nullif(trim(v[2]), ''), trim(v[3]))) AS mbx,
         lower(trim(list_filter(CAST(j[1] AS JSON[]), p -> lower(trim(p ->> '$.Name')) = 'mailaccesstype')[1] ->> '$.Value')) AS access,
         CAST(j[2] ->> '$[*].FolderItems[*].InternetMessageId' AS VARCHAR[]) AS mids,
         CAST(j[2] ->> '$[*].Path' AS VARCHAR[]) AS paths,
         coalesce(v[5], v[6]) AS parent
  FROM (
    SELECT json_extract_string(a, ['$.Id', '$.MailboxOwnerUPN', '$.MailboxGuid', '$.Operation',
                                   '$.Item.ParentFolder.Path', '$.Item.ParentFolder.Name']) AS v,
           json_extract(a, ['$.OperationProperties', '$.Folders']) AS j
    FROM (${source}))
  WHERE lower(trim(v[4])) = 'mailitemsaccessed' AND coalesce(trim(v[1]), '') <> ''
)`);

const messages = await db.runAndReadAll(`
SELECT mbx, count(*) AS n, sha256(string_agg(k, chr(10) ORDER BY k)) AS digest FROM (
  SELECT DISTINCT mbx, lower(regexp_replace(trim(mid), '^<(.*)>$', '\\1')) AS k
  FROM (SELECT mbx, unnest(mids) AS mid FROM mia WHERE access = 'bind')
  WHERE trim(mid) <> ''
) GROUP BY mbx`);
const folders = await db.runAndReadAll(`
SELECT mbx, list(DISTINCT k ORDER BY k) AS ks FROM (
  SELECT mbx, lower(regexp_replace(trim(coalesce(p, '')), '^\\\\', '')) AS k FROM (
    SELECT mbx, unnest(paths) AS p FROM mia WHERE access = 'sync' AND len(paths) > 0
    UNION ALL
    SELECT mbx, parent FROM mia WHERE access = 'sync' AND coalesce(len(paths), 0) = 0)
) GROUP BY mbx`);
const distinct = await db.runAndReadAll(`SELECT count(*) FROM mia`);
const mbxs = await db.runAndReadAll(`SELECT DISTINCT mbx FROM mia WHERE mbx IS NOT NULL`);

const result = {};
for (const [mbx] of mbxs.getRows()) result[mbx] = { messages: 0, messagesSha256: null, syncedFolders: [] };
for (const [mbx, n, digest] of messages.getRows())
  Object.assign(result[mbx], { messages: Number(n), messagesSha256: digest });
for (const [mbx, ks] of folders.getRows()) result[mbx].syncedFolders = ks.items;
const empty = (await import('node:crypto')).createHash('sha256').update('').digest('hex');
const mailboxes = {};
for (const k of Object.keys(result).sort())
  mailboxes[k] = { ...result[k], messagesSha256: result[k].messagesSha256 ?? empty };
writeFileSync(out, JSON.stringify({ distinctRecords: Number(distinct.getRows()[0][0]), mailboxes }));
