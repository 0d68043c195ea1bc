import { ByteNames } from './byteNames';
import {
  APP_CONTEXT_FIELD_NAMES,
  FOLDER_FIELD_NAMES,
  ITEM_FIELD_NAMES,
  PROPERTY_FIELD_NAMES,
  TOP_FIELDS,
} from './auditShape';

// The keys the byte-level AuditData picker (auditBytes.ts) knows, object by object.

/** Keys that make a JSON line a container element rather than a raw AuditData (see `shapeOf`). */
const WRAPPER_KEYS = ['TimeGenerated', 'Properties', 'Category', 'RawEventData', 'AuditData'];

export const TOP = new ByteNames([...TOP_FIELDS.names, ...WRAPPER_KEYS]);
export const TOP_COUNT = TOP_FIELDS.names.length;
export const PROPERTY = new ByteNames(PROPERTY_FIELD_NAMES);
export const APP_CONTEXT = new ByteNames(APP_CONTEXT_FIELD_NAMES);
export const FOLDER = new ByteNames(FOLDER_FIELD_NAMES);
export const ITEM = new ByteNames(ITEM_FIELD_NAMES);

const I = (set: ByteNames, name: string): number => set.names.indexOf(name);
export const T_OPERATION_PROPERTIES = I(TOP, 'OperationProperties');
export const T_APP_ACCESS_CONTEXT = I(TOP, 'AppAccessContext');
export const T_FOLDERS = I(TOP, 'Folders');
export const T_ITEM = I(TOP, 'Item');
export const T_CREATION_TIME = I(TOP, 'CreationTime');
export const T_OPERATION = I(TOP, 'Operation');
export const T_ID = I(TOP, 'Id');
export const F_FOLDER_ITEMS = I(FOLDER, 'FolderItems');
export const IT_ID = I(ITEM, 'Id');
export const IT_PARENT = I(ITEM, 'ParentFolder');
export const IT_MESSAGE_ID = I(ITEM, 'InternetMessageId');

/** The objects the engine reads, each with its own known keys (a `Kind` indexes `NAMES`, `REPEATED`). */
export const Kind = {
  Top: 0,
  Property: 1,
  AppContext: 2,
  Folder: 3,
  ParentFolder: 4,
  Item: 5,
  FolderItem: 6,
} as const;
export type Kind = (typeof Kind)[keyof typeof Kind];
/** The number of kinds. */
export const KINDS = 7;
export const NAMES: readonly ByteNames[] = [TOP, PROPERTY, APP_CONTEXT, FOLDER, FOLDER, ITEM, ITEM];

/** Every known key of a set, a bit each. */
const all = (set: ByteNames): number => 2 ** set.names.length - 1;
/**
 * Known keys (a bit each, by `Kind`) whose text values repeat from record to record (mailboxes,
 * sessions, apps, client strings, folders, subjects, property names): read through `repeated`.
 * Record ids, times and message ids are nearly all distinct and stay plain substrings.
 */
export const REPEATED: readonly number[] = [
  all(TOP) & ~(1 << T_ID) & ~(1 << T_CREATION_TIME),
  all(PROPERTY),
  all(APP_CONTEXT),
  all(FOLDER),
  all(FOLDER),
  all(ITEM) & ~(1 << IT_MESSAGE_ID),
  all(ITEM) & ~(1 << IT_MESSAGE_ID),
];
/** Distinct repeated values remembered, and the longest remembered (in bytes). */
export const REPEATED_SLOTS = 4096;
export const REPEATED_MAX_BYTES = 128;
