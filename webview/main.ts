// Entry point of the webview bundle: mounts the app into the page's root element. Everything else
// (the host channel, the elements) lives in the modules startApp imports.
import { startApp } from './startApp';

startApp(document.getElementById('app') ?? document.body);
