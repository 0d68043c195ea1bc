import type { ContextEntry, ContextMailboxEntry, SessionEntry } from '../../core/browse/sessionModel';
import type { FolderEntry, MailboxEntry, MessageEntry } from '../../core/browse/mailboxModel';
import type { Finding, FindingCode } from '../../core/findings/types';

/**
 * Nodes of the Mailboxes and Findings views: plain data, so extension-host tests can compare the
 * tree with the engine's answer. `id` is stable across refreshes (expansion state survives a new
 * filter). `filterSession` / `filterIp` are the facet values "Filter by this Session/IP" sets,
 * present only when the node stands for exactly one.
 */
interface NodeBase {
  id: string;
  filterSession?: string;
  filterIp?: string;
}

export interface MailboxNode extends NodeBase {
  kind: 'mailbox';
  entry: MailboxEntry;
  /** Throttle windows of the mailbox (over all its records, whatever the filter). */
  throttled: readonly Finding[];
}

export interface FolderNode extends NodeBase {
  kind: 'folder';
  mailbox: MailboxEntry;
  entry: FolderEntry;
}

export interface MessageNode extends NodeBase {
  kind: 'message';
  mailboxKey: string;
  mailbox: string;
  entry: MessageEntry;
}

export interface SessionNode extends NodeBase {
  kind: 'session';
  entry: SessionEntry;
}

export interface ContextNode extends NodeBase {
  kind: 'context';
  session: SessionEntry;
  entry: ContextEntry;
}

export interface ContextMailboxNode extends NodeBase {
  kind: 'contextMailbox';
  entry: ContextMailboxEntry;
  throttled: readonly Finding[];
}

export interface SyncedFolderNode extends NodeBase {
  kind: 'syncedFolder';
  path: string;
  mailbox: string;
}

/** "Show more…": the next page of its parent's children. */
export interface MoreNode extends NodeBase {
  kind: 'more';
  /** The view it belongs to. */
  view: 'mailboxes' | 'findings';
  /** The node whose children page (undefined: the root). */
  parent: TreeNode | undefined;
  shown: number;
  total: number;
}

/** A line of text (loading, nothing matches). */
export interface InfoNode extends NodeBase {
  kind: 'info';
  label: string;
  tooltip?: string;
}

/** A group of findings of one code. */
export interface FindingCategoryNode extends NodeBase {
  kind: 'category';
  code: FindingCode;
  findings: readonly Finding[];
}

export interface FindingNode extends NodeBase {
  kind: 'finding';
  finding: Finding;
  /** File name of the finding's source. */
  sourceName: string;
}

/** Any node of the Mailboxes view. */
export type MailboxTreeNode =
  | MailboxNode
  | FolderNode
  | MessageNode
  | SessionNode
  | ContextNode
  | ContextMailboxNode
  | SyncedFolderNode
  | MoreNode
  | InfoNode;

/** Any node of the Findings view. */
export type FindingsTreeNode = FindingCategoryNode | FindingNode | MoreNode | InfoNode;

/** Any node of either view. */
export type TreeNode = MailboxTreeNode | FindingsTreeNode;

/** Children shown per page ("Show more…" adds a page). */
export const PAGE_SIZE = 500;
