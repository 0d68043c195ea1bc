// @vscode/test-cli configuration (`npm run test:electron`), for machines that can download desktop
// VS Code (a developer laptop, hosted CI with internet). It runs the same extension-host suites as
// `npm test -- integration` does inside code-server here: out/test/integration/**/*.test.js, with
// the extension loaded from this folder and the sample fixtures as workspace (read only).
import { defineConfig } from '@vscode/test-cli';

export default defineConfig({
  label: 'integration',
  files: 'out/test/integration/**/*.test.js',
  extensionDevelopmentPath: '.',
  workspaceFolder: './test/fixtures/samples',
  launchArgs: ['--disable-extensions', '--disable-workspace-trust'],
  mocha: { ui: 'bdd', timeout: 30000, color: true },
});
