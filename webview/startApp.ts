/**
 * Mounts the view and tells the host it is ready (the host answers with `init`). The bundle's
 * entry point (main.ts) only calls this, so a test page can mount the same app over a fake host.
 */
import { notify } from './hostChannel';
import './mia-app';

/** Mounts `<mia-app>` into `root` (replacing its content) and says `ready` to the host. */
export function startApp(root: HTMLElement): void {
  const app = document.createElement('mia-app');
  root.replaceChildren(app);
  // The app subscribed to host notifications when it was connected above, so `init` is not missed.
  notify('ready', {});
}
