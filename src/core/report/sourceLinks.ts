/** A source's escaped display name and file URL, as a writer's `recordLink` uses them. */
export interface SourceLink {
  text: string;
  href: string;
}

/**
 * Per writer run (its map of display names), kind of link and source, the link parts `make`
 * builds: made once per source, not once per message.
 */
const links = new WeakMap<Map<string, string>, Map<string, SourceLink>>();

/** The `kind` link parts of `source` for the writer run owning `names`, made by `make` on first use. */
export function sourceLink(
  names: Map<string, string>,
  kind: 'markdown' | 'html',
  source: string,
  make: () => SourceLink,
): SourceLink {
  let bySource = links.get(names);
  if (bySource === undefined) links.set(names, (bySource = new Map<string, SourceLink>()));
  const key = `${kind}\n${source}`;
  let link = bySource.get(key);
  if (link === undefined) bySource.set(key, (link = make()));
  return link;
}
