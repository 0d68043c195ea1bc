import { AppLabeller } from '../apps/appLabeller';
import type { AppLabel, IpLabel, Labeller } from '../enrichTypes';
import { openGeoDatabase, shippedCountryDatabasePath, type GeoDatabase } from '../ips/geoDatabase';
import { IpLabeller } from '../ips/ipLabeller';

/** Options of `createLabeller`. */
export interface LabellerOptions {
  /** A user-supplied MMDB (setting `mia.enrichment.ipDatabase`, CLI `--ip-database`). */
  ipDatabase?: string;
  /** Use the bundled country database (default true; tests turn it off to isolate a user DB). */
  shippedCountryDatabase?: boolean;
  /** Where the bundle lives (the bundled database is looked for beside it). */
  baseDir?: string;
}

/** The labeller and what went wrong while opening its databases. */
export interface OfflineLabeller extends Labeller {
  /** The databases in use (user's first). */
  readonly databases: readonly GeoDatabase[];
  /** Problems opening a database (file and reason), to show the user; labelling goes on without it. */
  readonly warnings: readonly string[];
}

/**
 * Builds the offline `Labeller`: shipped app tables, shipped Microsoft/special ranges, the user's
 * MMDB (if any) and the bundled country database. Never touches the network. Both lookups are
 * cached per value, so labelling every record of an investigation costs one lookup per distinct
 * app and IP.
 */
export function createLabeller(options: LabellerOptions = {}): OfflineLabeller {
  const databases: GeoDatabase[] = [];
  const warnings: string[] = [];
  const user = options.ipDatabase?.trim();
  if (user) {
    try {
      databases.push(openGeoDatabase(user));
    } catch (e) {
      warnings.push((e as Error).message);
    }
  }
  if (options.shippedCountryDatabase !== false) {
    const shipped = shippedCountryDatabasePath(options.baseDir);
    if (shipped) {
      try {
        databases.push(openGeoDatabase(shipped));
      } catch (e) {
        warnings.push((e as Error).message);
      }
    } else {
      warnings.push('The bundled country database was not found: IP addresses get no country.');
    }
  }
  const apps = new AppLabeller();
  const ips = new IpLabeller(databases);
  return {
    databases,
    warnings,
    app: (appId: string | undefined, clientAppId?: string): AppLabel | undefined =>
      apps.label(appId, clientAppId),
    ip: (ip: string | undefined): IpLabel | undefined => ips.label(ip),
  };
}
