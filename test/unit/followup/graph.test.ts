import * as assert from 'node:assert/strict';
import {
  graphAuditQuery,
  graphAuditQueryBody,
  MAIL_ITEMS_ACCESSED_RECORD_TYPES,
} from '../../../src/core/followup/graphAuditQuery';
import {
  GRAPH_BATCH_LIMIT,
  graphMessageBatches,
  graphMessageRequests,
  graphMessages,
} from '../../../src/core/followup/graphMessages';
import { emptyScope, HOSTILE, hostileScope, plainScope } from './hostile';

/**
 * The request body of `POST /security/auditLog/queries` as published (Microsoft Graph v1.0,
 * "Create auditLogQuery", microsoftgraph/microsoft-graph-docs-contrib): property → JSON type.
 */
const AUDIT_LOG_QUERY_BODY: Record<string, 'string' | 'string[]' | 'datetime'> = {
  '@odata.type': 'string',
  displayName: 'string',
  filterStartDateTime: 'datetime',
  filterEndDateTime: 'datetime',
  recordTypeFilters: 'string[]',
  keywordFilter: 'string',
  serviceFilter: 'string',
  operationFilters: 'string[]',
  userPrincipalNameFilters: 'string[]',
  ipAddressFilters: 'string[]',
  objectIdFilters: 'string[]',
  administrativeUnitIdFilters: 'string[]',
  status: 'string',
};

/** auditLogRecordType values for Exchange mailbox items (from the same page's list). */
const EXCHANGE_RECORD_TYPES = new Set([
  'exchangeAdmin',
  'exchangeItem',
  'exchangeItemGroup',
  'exchangeItemAggregated',
  'exchangeAggregatedOperation',
]);

function checkAuditBody(body: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(body)) {
    const type = AUDIT_LOG_QUERY_BODY[key];
    assert.ok(type, `"${key}" is not a property of auditLogQuery`);
    if (type === 'string[]') {
      assert.ok(
        Array.isArray(value) && value.every((v) => typeof v === 'string'),
        `${key} is a string collection`,
      );
    } else if (type === 'datetime') {
      assert.equal(typeof value, 'string');
      assert.match(
        value as string,
        /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/,
        `${key} is a UTC DateTimeOffset`,
      );
    } else assert.equal(typeof value, 'string', `${key} is a string`);
  }
  assert.equal(body['@odata.type'], '#microsoft.graph.security.auditLogQuery');
  for (const t of body.recordTypeFilters as string[]) assert.ok(EXCHANGE_RECORD_TYPES.has(t), t);
}

describe('followup/graph', () => {
  describe('audit log query body', () => {
    it('parses as JSON and matches the published auditLogQuery schema (ordinary, empty and hostile scopes)', () => {
      for (const scope of [plainScope(), emptyScope(), hostileScope()]) {
        const body = JSON.parse(graphAuditQuery(scope)) as Record<string, unknown>;
        checkAuditBody(body);
        assert.deepEqual(body, JSON.parse(JSON.stringify(graphAuditQueryBody(scope))));
      }
    });

    it('asks for MailItemsAccessed of the mailboxes and accounts, in the window, from the IPs', () => {
      const body = graphAuditQueryBody(plainScope({ actors: ['delegate@contoso.com'] }));
      assert.deepEqual(body.operationFilters, ['MailItemsAccessed']);
      assert.deepEqual(body.recordTypeFilters, [...MAIL_ITEMS_ACCESSED_RECORD_TYPES]);
      assert.equal(body.filterStartDateTime, '2025-03-03T00:00:00Z');
      assert.equal(body.filterEndDateTime, '2025-03-05T00:00:00Z');
      assert.deepEqual(body.userPrincipalNameFilters, ['alex.wilber@contoso.com', 'delegate@contoso.com']);
      assert.deepEqual(body.ipAddressFilters, ['203.0.113.7', '2001:db8::1']);
      assert.equal(body.keywordFilter, '8f3c1e52-7a44-4c1a-9f0e-2b6d5c7a9e10');
      const two = graphAuditQueryBody(plainScope({ sessions: ['a', 'b'] }));
      assert.equal(two.keywordFilter, undefined, 'one keyword only: two sessions are not ORed into it');
    });

    it('keeps hostile values as JSON data', () => {
      const body = JSON.parse(graphAuditQuery(hostileScope())) as {
        userPrincipalNameFilters: string[];
        ipAddressFilters: string[];
      };
      assert.deepEqual(body.userPrincipalNameFilters, [...HOSTILE]);
      assert.deepEqual(body.ipAddressFilters, [...HOSTILE]);
    });
  });

  describe('message lookups by internetMessageId', () => {
    it('builds one GET per message: the mailbox and the OData literal read back exactly after URL decoding', () => {
      const scope = hostileScope();
      const requests = graphMessageRequests(scope);
      assert.equal(requests.length, HOSTILE.length);
      requests.forEach((r, i) => {
        const url = new URL(`https://graph.microsoft.com/v1.0${r.url}`);
        assert.equal(url.hash, '', 'no fragment');
        const segments = url.pathname.split('/');
        assert.deepEqual(segments.slice(0, 3), ['', 'v1.0', 'users']);
        assert.equal(segments.length, 5, `one path segment for the mailbox: ${url.pathname}`);
        assert.equal(decodeURIComponent(segments[3]), HOSTILE[i].trim());
        assert.deepEqual([...url.searchParams.keys()], ['$filter', '$select']);
        const filter = url.searchParams.get('$filter')!;
        const m = /^internetMessageId eq '((?:[^']|'')*)'$/s.exec(filter);
        assert.ok(m, filter);
        assert.equal(m[1].replace(/''/g, "'"), `<${HOSTILE[i]}>`);
      });
    });

    it('adds the angle brackets Graph stores, and looks each mailbox and message up once', () => {
      const requests = graphMessageRequests(
        plainScope({
          messages: [
            { mailbox: 'a@x.com', internetMessageId: 'no-brackets@x', key: 'no-brackets@x' },
            { mailbox: 'A@x.com', internetMessageId: '<NO-BRACKETS@x>', key: 'no-brackets@x' },
            { mailbox: 'b@x.com', internetMessageId: '<no-brackets@x>', key: 'no-brackets@x' },
          ],
        }),
      );
      assert.deepEqual(
        requests.map((r) => [r.mailbox, r.internetMessageId]),
        [
          ['a@x.com', '<no-brackets@x>'],
          ['b@x.com', '<no-brackets@x>'],
        ],
      );
    });

    it(`batches at most ${GRAPH_BATCH_LIMIT} requests per $batch body, ids unique, every request once`, () => {
      const messages = Array.from({ length: 45 }, (_, i) => ({
        mailbox: 'a@x.com',
        internetMessageId: `<m${i}@x>`,
        key: `m${i}@x`,
      }));
      const requests = graphMessageRequests(plainScope({ messages }));
      const batches = graphMessageBatches(requests);
      assert.deepEqual(
        batches.map((b) => b.requests.length),
        [20, 20, 5],
      );
      const all = batches.flatMap((b) => b.requests);
      assert.deepEqual(
        all.map((r) => r.url),
        requests.map((r) => r.url),
      );
      assert.equal(new Set(all.map((r) => r.id)).size, 45);
      assert.ok(all.every((r) => r.method === 'GET' && r.url.startsWith('/users/')));
    });

    it('writes an .http text whose $batch bodies parse, and whose comments hold no export value', () => {
      const scope = hostileScope();
      const text = graphMessages(scope);
      const bodies = text.split('\n### ').filter((part) => part.startsWith('batch '));
      assert.equal(bodies.length, 1);
      const json = bodies[0].slice(bodies[0].indexOf('\n\n') + 2);
      const parsed = JSON.parse(json) as { requests: { url: string }[] };
      assert.deepEqual(parsed, graphMessageBatches(graphMessageRequests(scope))[0]);
      for (const line of text.split('\n').filter((l) => l.startsWith('#'))) {
        for (const v of HOSTILE) assert.ok(!line.includes(v), line);
      }
      // Every request line is a single line: nothing from the export can start a new header or request.
      const requestLines = text.split('\n').filter((l) => /^(GET|POST) /.test(l));
      assert.equal(requestLines.length, HOSTILE.length + 1);
    });
  });
});
