/** Exit statuses of `mia`. */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/**
 * An unexpected failure as `mia` reports it on standard error: the stack when there is one (the
 * place to look when reporting a bug), else the text.
 */
export function failureText(err: unknown): string {
  return err instanceof Error ? (err.stack ?? err.message) : String(err);
}
