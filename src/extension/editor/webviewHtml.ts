import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

/**
 * The editor page: a strict Content-Security-Policy (no inline script or style, scripts only by a
 * fresh nonce, everything else only from the extension's own files), the codicons stylesheet and the
 * bundled webview script.
 */
export function renderWebviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  const nonce = randomBytes(16).toString('base64');
  const script = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview.js'));
  // vscode-elements finds the codicon font through this stylesheet's id.
  const codicons = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'codicons', 'codicon.css'));
  const source = webview.cspSource;
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${source}`,
    `font-src ${source}`,
    `img-src ${source}`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>MailItemsAccessed Investigator</title>
<link rel="stylesheet" id="vscode-codicon-stylesheet" href="${codicons.toString()}">
</head>
<body>
<main id="app" aria-live="polite">Loading…</main>
<script type="module" nonce="${nonce}" src="${script.toString()}"></script>
</body>
</html>`;
}
