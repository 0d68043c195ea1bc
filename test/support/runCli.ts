import { main, type CliIo } from '../../src/cli/main';

/** What one in-process `mia` run printed and returned. */
export interface CliRun {
  status: number;
  stdout: string;
  stderr: string;
}

/** Runs the `mia` command line in this process with captured output (stderr is not a TTY). */
export async function runMia(...argv: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s), isTTY: false },
  };
  const status = await main(argv, io);
  return { status, stdout, stderr };
}
