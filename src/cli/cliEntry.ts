/**
 * The `mia` command (dist/cli.js): loads the CLI bundle (dist/miaMain.js, built from main.ts) with
 * its compiled code cached (see compileCache.ts) and runs it as this process.
 */
import * as path from 'node:path';
import { requireWithCompileCache } from '../core/compileCache';

const cli = requireWithCompileCache(path.join(__dirname, 'miaMain.js')) as { runMain(): void };
cli.runMain();
