import {
  DERIVED_KEY_KINDS,
  derivedMessageKey,
  KEY_INNER,
  keyCutsEnds,
  keyLowerCases,
  NONE,
  type DerivedKeyKind,
} from '../worker/rowBatchFormat';

/** Messages a store has room for before its columns double. */
const FIRST_CAPACITY = 1024;

/** The kind code of a key given as text (not made from the id). */
export const GIVEN_KEY = 0;

/** The kinds of key a message can be made with, as codes: `GIVEN_KEY`, or a `DerivedKeyKind` negated. */
const NONE_CODE = -NONE;
const INNER_CODE = -KEY_INNER;
const DERIVED_CODES = DERIVED_KEY_KINDS.map((kind) => -kind);

/** The key of `id` made as kind code `code` says (not `GIVEN_KEY`). */
export function derivedKeyOf(id: string, code: number): string {
  return derivedMessageKey(id, -code as DerivedKeyKind);
}

/** Whether kind code `code` (not `GIVEN_KEY`) leaves out the id's first and last characters. */
export function codeCutsEnds(code: number): boolean {
  return keyCutsEnds(-code as DerivedKeyKind);
}

/** Whether kind code `code` (not `GIVEN_KEY`) lower-cases the id. */
export function codeLowerCases(code: number): boolean {
  return keyLowerCases(-code as DerivedKeyKind);
}

/**
 * The kind code of a key given as text: the kind that makes it from the id, if one does (the id
 * itself, without its angle brackets, lower-cased or both), else `GIVEN_KEY`.
 */
export function keyKindCode(id: string, key: string): number {
  for (const code of DERIVED_CODES) if (derivedKeyOf(id, code) === key) return code;
  return GIVEN_KEY;
}

/**
 * The shared messages of a load as columns, by code (0, 1, …): per message its id, how its key is
 * made from the id (or the key itself when none makes it), its size and its subject. A message is a
 * few entries of arrays instead of an object with its key as a second text: the key is made again
 * when it is read (most keys are the id without its angle brackets, lower-cased; holding them took
 * about 15 MB at 300,000 records), and the objects readers ask for are made on first use
 * (`FolderStore.messageAt`).
 */
export class MessageColumns {
  private readonly ids: string[] = [];
  private kinds = new Uint8Array(FIRST_CAPACITY);
  /** Keys no kind makes from the id (rare), by code. */
  private readonly givenKeys = new Map<number, string>();
  /** Sizes by code (NaN: none). */
  private sizes = new Float64Array(FIRST_CAPACITY);
  /** Subjects by code, made when the first one comes (most exports have none). */
  private subjects: (string | undefined)[] | undefined;

  /** Number of messages held (codes 0 … count − 1). */
  get count(): number {
    return this.ids.length;
  }

  /**
   * Holds a new message and returns its code: `kind` the code of how its key is made from the id
   * (`derivedKeyOf`), or `GIVEN_KEY` with `key` its key as text (held as a kind when one makes it).
   */
  add(
    id: string,
    key: string | undefined,
    kind: number,
    size: number | undefined,
    subject: string | undefined,
  ): number {
    const code = this.ids.length;
    if (code === this.kinds.length) this.grow(2 * code);
    if (kind === GIVEN_KEY) kind = keyKindCode(id, key as string);
    if (kind === GIVEN_KEY) this.givenKeys.set(code, key as string);
    this.ids.push(id);
    this.kinds[code] = kind;
    this.sizes[code] = size ?? NaN;
    if (subject !== undefined)
      (this.subjects ??= new Array<string | undefined>(code).fill(undefined))[code] = subject;
    else this.subjects?.push(undefined);
    return code;
  }

  private grow(n: number): void {
    const kinds = new Uint8Array(n);
    kinds.set(this.kinds);
    this.kinds = kinds;
    const sizes = new Float64Array(n);
    sizes.set(this.sizes);
    this.sizes = sizes;
  }

  idAt(code: number): string {
    return this.ids[code];
  }

  /** The code of how message `code`'s key is made from its id (`GIVEN_KEY`: held as text). */
  kindAt(code: number): number {
    return this.kinds[code];
  }

  keyAt(code: number): string {
    const kind = this.kinds[code];
    return kind === GIVEN_KEY ? (this.givenKeys.get(code) as string) : derivedKeyOf(this.ids[code], kind);
  }

  sizeAt(code: number): number | undefined {
    const size = this.sizes[code];
    return size === size ? size : undefined;
  }

  subjectAt(code: number): string | undefined {
    return this.subjects === undefined ? undefined : this.subjects[code];
  }

  /** True when message `code` has this id, size and subject (its key is compared by the caller). */
  holds(code: number, id: string, size: number | undefined, subject: string | undefined): boolean {
    return this.ids[code] === id && this.sizeAt(code) === size && this.subjectAt(code) === subject;
  }

  /** True when message `code`'s key is `key` (made for the comparison only when lower-cased). */
  keyIs(code: number, key: string): boolean {
    const kind = this.kinds[code];
    const id = this.ids[code];
    if (kind === NONE_CODE) return key === id;
    if (kind === INNER_CODE) return key.length === id.length - 2 && id.startsWith(key, 1);
    return this.keyAt(code) === key;
  }
}
