import type { AppLabel } from '../enrichTypes';
import { CURATED_APPS, MICROSOFT_GRAPH_APP_ID, microsoftAppNames, type CuratedApp } from './appTables';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function key(id: string | undefined): string | undefined {
  if (id === undefined) return undefined;
  const k = id.trim().toLowerCase();
  return k === '' ? undefined : k;
}

/**
 * Labels application ids from the shipped tables: the curated list (mail clients, abused apps)
 * first, then Microsoft's first-party list; anything else is an unknown third-party app and is
 * flagged. When `AppId` is Microsoft Graph, the app that called Graph is `ClientAppId`, so that one
 * is labelled (Graph itself only when there is no ClientAppId). Cached per pair.
 */
export class AppLabeller {
  private readonly cache = new Map<string, AppLabel | undefined>();
  private readonly raw = new Map<string, AppLabel | undefined>();
  private readonly curated = new Map<string, CuratedApp>(CURATED_APPS.map((a) => [a.appId, a]));

  label(appId: string | undefined, clientAppId?: string): AppLabel | undefined {
    // Called once per record: the ids as written are looked up before any normalising.
    const raw = `${appId ?? ''}\u0000${clientAppId ?? ''}`;
    if (this.raw.has(raw)) return this.raw.get(raw);
    const made = this.normalised(appId, clientAppId);
    this.raw.set(raw, made);
    return made;
  }

  private normalised(appId: string | undefined, clientAppId: string | undefined): AppLabel | undefined {
    const app = key(appId);
    const client = key(clientAppId);
    const cacheKey = `${app ?? ''}|${client ?? ''}`;
    if (this.cache.has(cacheKey)) return this.cache.get(cacheKey);
    // Graph → the calling app; a record with only a ClientAppId is labelled by it too.
    const subject = app === MICROSOFT_GRAPH_APP_ID ? (client ?? app) : (app ?? client);
    const made = subject === undefined ? undefined : this.byId(subject);
    this.cache.set(cacheKey, made);
    return made;
  }

  /** The label of one id, without the Graph rule. */
  byId(id: string): AppLabel {
    const k = id.trim().toLowerCase();
    const curated = this.curated.get(k);
    if (curated) {
      return {
        appId: id,
        name: curated.name,
        publisher: curated.publisher,
        kind: curated.kind,
        flagged: curated.kind === 'abused',
        note: curated.note,
      };
    }
    const name = microsoftAppNames().get(k);
    if (name !== undefined) {
      return {
        appId: id,
        name,
        publisher: 'microsoft',
        flagged: false,
        note: 'Microsoft first-party app (merill/microsoft-info)',
      };
    }
    return {
      appId: id,
      publisher: 'unknown',
      flagged: true,
      note: GUID.test(k)
        ? 'Not a Microsoft first-party app and not a known client: a third-party app to review'
        : 'Not an application id this tool knows',
    };
  }
}
