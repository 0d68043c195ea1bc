import { odataString } from './escape';
import type { FollowUpScope } from './followUpScope';

/** Requests a JSON `$batch` may hold (Graph's limit). */
export const GRAPH_BATCH_LIMIT = 20;

/** Properties asked for: what counsel needs to identify a message. */
const SELECT =
  'id,internetMessageId,subject,from,sender,toRecipients,receivedDateTime,sentDateTime,hasAttachments,parentFolderId';

/** One lookup: the message in its mailbox, by internetMessageId. */
export interface GraphMessageRequest {
  mailbox: string;
  internetMessageId: string;
  /** Relative URL (as `$batch` wants it): `/users/{upn}/messages?$filter=...`. */
  url: string;
}

/** A `POST /$batch` body. */
export interface GraphBatchBody {
  requests: { id: string; method: 'GET'; url: string }[];
}

/** Graph stores internetMessageId with its angle brackets; exports sometimes drop them. */
function bracketed(id: string): string {
  const s = id.trim();
  return s.startsWith('<') && s.endsWith('>') ? s : `<${s}>`;
}

/** The lookups of the scope's messages (one per mailbox and normalised id), in order. */
export function graphMessageRequests(scope: FollowUpScope): GraphMessageRequest[] {
  const seen = new Set<string>();
  const out: GraphMessageRequest[] = [];
  for (const m of scope.messages) {
    const k = `${m.mailbox.trim().toLowerCase()} ${m.key}`;
    if (seen.has(k)) continue;
    seen.add(k);
    const id = bracketed(m.internetMessageId);
    const filter = encodeURIComponent(`internetMessageId eq ${odataString(id)}`);
    const url = `/users/${encodeURIComponent(m.mailbox.trim())}/messages?$filter=${filter}&$select=${SELECT}`;
    out.push({ mailbox: m.mailbox, internetMessageId: id, url });
  }
  return out;
}

/** The lookups in `$batch` bodies of at most {@link GRAPH_BATCH_LIMIT} requests. */
export function graphMessageBatches(requests: readonly GraphMessageRequest[]): GraphBatchBody[] {
  const out: GraphBatchBody[] = [];
  for (let i = 0; i < requests.length; i += GRAPH_BATCH_LIMIT) {
    const slice = requests.slice(i, i + GRAPH_BATCH_LIMIT);
    out.push({ requests: slice.map((r, j) => ({ id: String(i + j + 1), method: 'GET', url: r.url })) });
  }
  return out;
}

/**
 * The lookups as an `.http` file (REST Client format): one `GET` per message, then the same
 * requests as `POST /$batch` bodies. Comments carry only counts: every value is in a URL,
 * percent-encoded, never raw text.
 */
export function graphMessages(scope: FollowUpScope): string {
  const requests = graphMessageRequests(scope);
  const batches = graphMessageBatches(requests);
  const lines = [
    `# MailItemsAccessed Investigator: look up the ${requests.length} message(s) read, by internetMessageId.`,
    '# Needs Mail.ReadBasic.All (or Mail.Read) as an application permission; set {{token}}.',
    `# ${requests.length} single request(s), then ${batches.length} $batch request(s) of at most ${GRAPH_BATCH_LIMIT}.`,
  ];
  requests.forEach((r, i) => {
    lines.push(
      '',
      `### message ${i + 1} of ${requests.length}`,
      `GET https://graph.microsoft.com/v1.0${r.url}`,
      'Authorization: Bearer {{token}}',
    );
  });
  batches.forEach((b, i) => {
    lines.push(
      '',
      `### batch ${i + 1} of ${batches.length}`,
      'POST https://graph.microsoft.com/v1.0/$batch',
      'Authorization: Bearer {{token}}',
      'Content-Type: application/json',
      '',
      JSON.stringify(b, null, 2),
    );
  });
  return `${lines.join('\n')}\n`;
}
