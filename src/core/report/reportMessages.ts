import { deferredMessages } from './messageRows';
import type { MailboxJson, MessageJson, ScopeReport } from './reportTypes';

/**
 * The messages of a report mailbox in report order, one at a time, whether they are deferred (kept
 * as rows, see `BuildOptions.deferMessages`) or objects: a writer that goes through this never
 * holds more than the message it writes, so a report of a large export is written without an
 * object per message alive at once.
 */
export function* mailboxMessages(m: MailboxJson): Generator<MessageJson, void, undefined> {
  const rows = deferredMessages(m);
  if (rows === undefined) {
    yield* m.messages;
    return;
  }
  for (let k = 0; k < rows.size; k++) yield rows.json(k);
}

/**
 * Gives every deferred mailbox of `report` its `messages` as objects, made on first read (an
 * enumerable getter that then becomes the array): for a report handed to code that reads it as
 * plain data (a command's result, `JSON.stringify`). Write the report's files first: the JSON
 * writers read `messages` when they meet the field.
 */
export function materialiseMessages(report: ScopeReport): void {
  for (const m of report.mailboxes) {
    const rows = deferredMessages(m);
    if (rows === undefined || rows.size === 0) continue;
    Object.defineProperty(m, 'messages', {
      configurable: true,
      enumerable: true,
      get(this: MailboxJson): MessageJson[] {
        const messages = new Array<MessageJson>(rows.size);
        for (let k = 0; k < rows.size; k++) messages[k] = rows.json(k);
        Object.defineProperty(this, 'messages', {
          configurable: true,
          enumerable: true,
          writable: true,
          value: messages,
        });
        return messages;
      },
      set(this: MailboxJson, value: MessageJson[]): void {
        Object.defineProperty(this, 'messages', {
          configurable: true,
          enumerable: true,
          writable: true,
          value,
        });
      },
    });
  }
}
