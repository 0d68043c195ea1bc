/** A metadata file that cannot be used at all: missing, unreadable, or in no known format. */
export class MetadataFileError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path}: ${reason}`);
    this.name = 'MetadataFileError';
  }
}

/** Shortens untrusted text quoted in a message: control characters shown as `?`, long text cut. */
export function quoted(text: string, max = 100): string {
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\u0000-\u001f\u007f]/g, '?');
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}
