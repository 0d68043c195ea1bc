/**
 * Small hand-built implementations of the enrichment contracts (src/core/enrich/enrichTypes.ts) for
 * the report tests: a metadata index over given entries and a labeller over given tables. The real
 * loader and labeller live elsewhere; these follow the contracts only.
 */
import type {
  AppLabel,
  IpLabel,
  Labeller,
  MessageMetadata,
  MessageMetadataIndex,
  MetadataSourceStats,
} from '../../../src/core/enrich/enrichTypes';
import { messageIdKey } from '../../../src/core/normalise/matchKeys';

export const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';

/** A metadata entry as a test writes it: the id as written, everything else optional. */
export type TestEntry = Omit<MessageMetadata, 'key' | 'origins'> & { origins?: MessageMetadata['origins'] };

/** A metadata index over `entries` (keyed by the normalised id), with `sources` as given. */
export function testMetadataIndex(
  entries: readonly TestEntry[],
  sources: readonly MetadataSourceStats[],
  options: { enumerable?: boolean } = {},
): MessageMetadataIndex {
  const map = new Map<string, MessageMetadata>();
  entries.forEach((e, i) => {
    const key = messageIdKey(e.internetMessageId);
    map.set(key, { ...e, key, origins: e.origins ?? [{ sourceIndex: 0, line: i + 2 }] });
  });
  const index: MessageMetadataIndex = {
    sources,
    size: map.size,
    get: (key) => map.get(key),
  };
  if (options.enumerable !== false) index.values = () => map.values();
  return index;
}

/** A metadata source description (nothing is read: the report only lists it). */
export function testSource(path: string, overrides: Partial<MetadataSourceStats> = {}): MetadataSourceStats {
  return {
    path,
    sha256: 'a'.repeat(64),
    format: 'purview-results',
    encoding: 'utf-8',
    sizeBytes: 1234,
    rows: 10,
    messages: 9,
    rejected: [],
    ...overrides,
  };
}

/** A labeller over small tables, counting its calls so tests can see values are labelled once. */
export class TestLabeller implements Labeller {
  appCalls = 0;
  ipCalls = 0;

  constructor(
    private readonly apps: Record<string, Omit<AppLabel, 'appId'>>,
    private readonly ips: Record<string, Omit<IpLabel, 'ip'>>,
  ) {}

  app(appId: string | undefined, clientAppId?: string): AppLabel | undefined {
    this.appCalls++;
    const id = appId === GRAPH_APP_ID && clientAppId ? clientAppId : (appId ?? clientAppId);
    if (id === undefined) return undefined;
    const known = this.apps[id];
    return known ? { appId: id, ...known } : { appId: id, publisher: 'unknown', flagged: true };
  }

  ip(ip: string | undefined): IpLabel | undefined {
    this.ipCalls++;
    if (ip === undefined) return undefined;
    const known = this.ips[ip];
    return known ? { ip, ...known } : { ip, kind: 'public' };
  }
}
