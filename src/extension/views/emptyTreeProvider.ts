import * as vscode from 'vscode';

/**
 * A view with nothing to show yet. Returning no children makes VS Code show the view's welcome
 * content (package.json "viewsWelcome"), which offers "Open Audit Export…". The tree issue
 * replaces this with the investigation tree.
 */
export class EmptyTreeProvider implements vscode.TreeDataProvider<vscode.TreeItem> {
  getTreeItem(element: vscode.TreeItem): vscode.TreeItem {
    return element;
  }

  getChildren(): vscode.TreeItem[] {
    return [];
  }
}
