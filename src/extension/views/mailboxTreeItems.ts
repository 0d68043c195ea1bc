import * as vscode from 'vscode';
import type { Labeller, MessageMetadata, MessageMetadataIndex } from '../../core/enrich/enrichTypes';
import type { TimeFormatter } from '../../core/findings/displayTime';
import { appLabelText, ipLabelSuffix } from '../../core/enrich/labels/labelText';
import { oneLine } from '../../core/findings/findings';
import { commandIds } from '../constants';
import type { MailboxTreeNode, MessageNode, MoreNode } from './treeNodes';
import { byteSize } from '../byteSize';

/** Node `contextValue`: its kind, plus the menus that apply (`viewItem =~ /\bsession\b/`). */
export function contextValueOf(node: { kind: string; filterSession?: string; filterIp?: string }): string {
  const parts = [`mia.${node.kind}`];
  if (node.filterSession !== undefined) parts.push('session');
  if (node.filterIp !== undefined) parts.push('ip');
  if (node.kind === 'message') parts.push('messageId');
  return parts.join(' ');
}

function count(n: number, noun: string): string {
  return `${n.toLocaleString('en-US')} ${noun}`;
}

function size(bytes: number | undefined): string | undefined {
  return bytes === undefined ? undefined : byteSize(bytes);
}

const warningIcon = new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));

/** The "Show more…" item of a paged list. */
export function moreItem(node: MoreNode): vscode.TreeItem {
  const item = new vscode.TreeItem('Show more…', vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.description = `${node.shown.toLocaleString('en-US')} of ${node.total.toLocaleString('en-US')} shown`;
  item.iconPath = new vscode.ThemeIcon('ellipsis');
  item.contextValue = 'mia.more';
  item.command = { command: commandIds.showMore, title: 'Show more', arguments: [node] };
  return item;
}

/**
 * The tree item of a Mailboxes node. Every string from an export is set as plain text (labels,
 * descriptions and string tooltips are never rendered as Markdown or HTML).
 */
export function mailboxTreeItem(
  node: MailboxTreeNode,
  time: TimeFormatter,
  metadata?: MessageMetadataIndex,
  labels?: Labeller,
): vscode.TreeItem {
  const { None, Collapsed } = vscode.TreeItemCollapsibleState;
  let item: vscode.TreeItem;
  switch (node.kind) {
    case 'mailbox': {
      const e = node.entry;
      item = new vscode.TreeItem(oneLine(e.mailbox), Collapsed);
      item.description = `${count(e.records, 'records')} · ${count(e.bind, 'Bind')} · ${count(e.sync, 'Sync')}`;
      item.iconPath = node.throttled.length > 0 ? warningIcon : new vscode.ThemeIcon('account');
      item.tooltip = [
        oneLine(e.mailbox),
        `${count(e.records, 'records')} (${count(e.bind, 'Bind')}, ${count(e.sync, 'Sync')}) from ${time(e.firstMs)} to ${time(e.lastMs)}`,
        `${count(e.messageCount, 'distinct messages read')} in ${count(e.folders.length, 'folders')}`,
        ...(node.throttled.length > 0
          ? [
              `Throttled (${node.throttled.length}): Bind access in these windows was not audited: assume every item in the mailbox was read.`,
              ...node.throttled.map((f) => `  ${time(f.startMs!)} – ${time(f.endMs!)}`),
            ]
          : []),
      ].join('\n');
      break;
    }
    case 'folder': {
      const e = node.entry;
      const synced = e.syncRecords.length > 0;
      item = new vscode.TreeItem(
        e.path === '' ? '(folder not named)' : oneLine(e.path),
        e.messages.length > 0 ? Collapsed : None,
      );
      item.description =
        count(e.messages.length, e.messages.length === 1 ? 'message read' : 'messages read') +
        (synced ? ' · synced: all items assumed read' : '');
      item.iconPath = new vscode.ThemeIcon(synced ? 'sync' : 'folder');
      item.tooltip =
        `${oneLine(e.path)}\n${count(e.messages.length, 'distinct messages read (Bind)')}` +
        (synced
          ? `\nSynced ${count(e.syncRecords.length, 'times')}: all items in this folder must be assumed read.`
          : '');
      break;
    }
    case 'message': {
      const meta = metadata?.get(node.entry.key);
      if (meta) {
        item = messageItemWithMetadata(node, meta, time);
        break;
      }
      const e = node.entry;
      item = new vscode.TreeItem(oneLine(e.internetMessageId), None);
      item.description = [
        time(e.firstAccessMs),
        size(e.sizeInBytes),
        e.subject === undefined ? undefined : oneLine(e.subject),
      ]
        .filter((x) => x !== undefined)
        .join(' · ');
      item.iconPath = new vscode.ThemeIcon('mail-read');
      item.tooltip = [
        oneLine(e.internetMessageId),
        e.subject === undefined ? 'Subject: (not in the records)' : `Subject: ${oneLine(e.subject)}`,
        ...accessLines(node, time),
      ].join('\n');
      item.command = { command: commandIds.openMessage, title: 'Open raw AuditData', arguments: [node] };
      break;
    }
    case 'session': {
      const e = node.entry;
      item = new vscode.TreeItem(
        e.sessionId === undefined ? '(no session id)' : oneLine(e.sessionId),
        Collapsed,
      );
      item.description = `${count(e.records, 'records')} · ${count(e.bind, 'Bind')} · ${count(e.sync, 'Sync')}`;
      item.iconPath = new vscode.ThemeIcon('key');
      item.tooltip = `Session ${oneLine(e.sessionId ?? '(none)')}\n${time(e.firstMs)} – ${time(e.lastMs)}\n${count(e.contexts.length, 'contexts (IP, client, app)')}`;
      if (labels) {
        // Where the session came from, at a glance: the distinct IP labels of its contexts.
        const origins = [
          ...new Set(e.contexts.map((c) => ipLabelSuffix(labels.ip(c.ip))).filter((x) => x !== undefined)),
        ];
        if (origins.length > 0) {
          item.description += ` · ${origins.slice(0, 3).map(oneLine).join(', ')}${origins.length > 3 ? ', …' : ''}`;
          item.tooltip += `\nFrom: ${origins.map(oneLine).join('; ')}`;
        }
      }
      break;
    }
    case 'context': {
      const e = node.entry;
      const app = [e.appId, e.clientAppId].filter((x): x is string => x !== undefined);
      item = new vscode.TreeItem(oneLine(e.ip ?? '(no IP)'), Collapsed);
      const ipText = ipLabelSuffix(labels?.ip(e.ip));
      const appLabel = labels?.app(e.appId, e.clientAppId);
      const appText = appLabelText(appLabel);
      item.description = [
        ...(ipText === undefined ? [] : [oneLine(ipText)]),
        oneLine(e.clientInfo ?? '(no client)'),
        ...(appText === undefined ? app.map(oneLine) : [oneLine(appText)]),
      ].join(' · ');
      item.iconPath = appLabel?.flagged
        ? new vscode.ThemeIcon('globe', new vscode.ThemeColor('list.warningForeground'))
        : new vscode.ThemeIcon('globe');
      item.tooltip = [
        `IP: ${oneLine(e.ip ?? '(none)')}${ipText === undefined ? '' : ` (${oneLine(ipText)})`}`,
        `Client: ${oneLine(e.clientInfo ?? '(none)')}`,
        `AppId: ${oneLine(e.appId ?? '(none)')}`,
        `ClientAppId: ${oneLine(e.clientAppId ?? '(none)')}`,
        ...(appText === undefined ? [] : [`App: ${oneLine(appText)}`]),
        ...(appLabel?.note === undefined ? [] : [`  ${oneLine(appLabel.note)}`]),
        `${count(e.records, 'records')}, ${time(e.firstMs)} – ${time(e.lastMs)}`,
      ].join('\n');
      break;
    }
    case 'contextMailbox': {
      const e = node.entry;
      item = new vscode.TreeItem(
        oneLine(e.mailbox),
        e.messages.length + e.syncedFolders.length > 0 ? Collapsed : None,
      );
      item.description = `${count(e.messages.length, 'messages read')} · ${count(e.syncedFolders.length, 'folders synced')}`;
      item.iconPath = node.throttled.length > 0 ? warningIcon : new vscode.ThemeIcon('account');
      item.tooltip = `${oneLine(e.mailbox)}\n${count(e.records, 'records')} (${count(e.bind, 'Bind')}, ${count(e.sync, 'Sync')})`;
      break;
    }
    case 'syncedFolder':
      item = new vscode.TreeItem(node.path === '' ? '(folder not named)' : oneLine(node.path), None);
      item.description = 'synced: all items assumed read';
      item.iconPath = new vscode.ThemeIcon('sync');
      item.tooltip = `${oneLine(node.path)} in ${oneLine(node.mailbox)} was synced: all items in it must be assumed read.`;
      break;
    case 'more':
      return moreItem(node);
    case 'info':
      item = new vscode.TreeItem(node.label, None);
      item.tooltip = node.tooltip;
      item.iconPath = new vscode.ThemeIcon('info');
      break;
  }
  item.id = node.id;
  item.contextValue = contextValueOf(node);
  return item;
}

/**
 * A message the metadata sources know: the subject is the label (the audit record's own subject
 * when the metadata has none, else the id), sender, date and attachments the description; the id
 * and every known field are in the tooltip. All of it is untrusted text, set as plain strings.
 */
function messageItemWithMetadata(
  node: MessageNode,
  meta: MessageMetadata,
  time: TimeFormatter,
): vscode.TreeItem {
  const e = node.entry;
  const subject = meta.subject ?? e.subject;
  const dateMs = meta.receivedMs ?? meta.sentMs;
  const item = new vscode.TreeItem(
    subject === undefined || subject.trim() === '' ? oneLine(e.internetMessageId) : oneLine(subject),
    vscode.TreeItemCollapsibleState.None,
  );
  item.description = [
    meta.sender === undefined ? undefined : oneLine(meta.sender),
    dateMs === undefined ? undefined : time(dateMs),
    meta.hasAttachments ? 'attachments' : undefined,
    `read ${time(e.firstAccessMs)}`,
  ]
    .filter((x) => x !== undefined)
    .join(' · ');
  item.iconPath = new vscode.ThemeIcon(meta.hasAttachments ? 'file-zip' : 'mail-read');
  const line = (label: string, value: string | undefined) =>
    value === undefined ? [] : [`${label}: ${oneLine(value)}`];
  item.tooltip = [
    oneLine(e.internetMessageId),
    ...line('Subject', subject ?? '(not known)'),
    ...line('From', meta.sender),
    ...line('To', meta.recipients?.join('; ')),
    ...line('Sent', meta.sentMs === undefined ? undefined : time(meta.sentMs)),
    ...line('Received', meta.receivedMs === undefined ? undefined : time(meta.receivedMs)),
    ...line(
      'Attachments',
      meta.hasAttachments === undefined ? undefined : meta.hasAttachments ? 'yes' : 'no',
    ),
    ...line('Location', meta.location),
    ...line('Path', meta.folderPath),
    ...accessLines(node, time),
    `Metadata from ${meta.origins.length === 1 ? '1 row' : `${meta.origins.length} rows`} of the added metadata files.`,
  ].join('\n');
  item.command = { command: commandIds.openMessage, title: 'Open raw AuditData', arguments: [node] };
  return item;
}

function accessLines(node: MessageNode, time: TimeFormatter): string[] {
  const e = node.entry;
  return [
    `Mailbox: ${oneLine(node.mailbox)}`,
    `Folders: ${e.folders.map(oneLine).join(', ')}`,
    `First access: ${time(e.firstAccessMs)}`,
    `Last access: ${time(e.lastAccessMs)}`,
    `Records: ${e.records.length}`,
    ...(e.sizeInBytes === undefined ? [] : [`Size: ${e.sizeInBytes.toLocaleString('en-US')} bytes`]),
    'Click to open the raw AuditData of the record that read it.',
  ];
}
