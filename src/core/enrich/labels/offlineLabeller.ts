import { AppLabeller } from '../apps/appLabeller';
import type { AppLabel, IpLabel, Labeller } from '../enrichTypes';
import { openGeoDatabase, shippedCountryDatabasePath, type GeoDatabase } from '../ips/geoDatabase';
import { IpLabeller } from '../ips/ipLabeller';
import { openAsnTable, shippedAsnTablePath, type AsnTable } from '../ips/asnTable';

/** Options of `createLabeller`. */
export interface LabellerOptions {
  /** A user-supplied MMDB (setting `mia.enrichment.ipDatabase`, CLI `--ip-database`). */
  ipDatabase?: string;
  /** Use the bundled country database (default true; tests turn it off to isolate a user DB). */
  shippedCountryDatabase?: boolean;
  /** Use the shipped ASN table (default true). */
  shippedAsnTable?: boolean;
  /** Where the bundle lives (the bundled databases are looked for beside it). */
  baseDir?: string;
}

/** The labeller and what went wrong while opening its databases. */
export interface OfflineLabeller extends Labeller {
  /** The databases in use (user's first). */
  readonly databases: readonly GeoDatabase[];
  /** The shipped ASN table, when found. */
  readonly asnTable: AsnTable | undefined;
  /** Problems opening a database (file and reason), to show the user; labelling goes on without it. */
  readonly warnings: readonly string[];
  /**
   * Closes the databases' files and drops the pages their lookups read (opened again by the next
   * lookup of an address not labelled yet): the CLI's report is labelled before it is written.
   */
  release(): void;
}

/**
 * Builds the offline `Labeller`: shipped app tables, shipped Microsoft/special ranges, the user's
 * MMDB (if any), the bundled ASN table and the bundled country database. Never touches the network. Both lookups are
 * cached per value, so labelling every record of an investigation costs one lookup per distinct
 * app and IP.
 */
export function createLabeller(options: LabellerOptions = {}): OfflineLabeller {
  const user: GeoDatabase[] = [];
  const country: GeoDatabase[] = [];
  const warnings: string[] = [];
  const userPath = options.ipDatabase?.trim();
  if (userPath) {
    try {
      user.push(openGeoDatabase(userPath));
    } catch (e) {
      warnings.push((e as Error).message);
    }
  }
  if (options.shippedCountryDatabase !== false) {
    const shipped = shippedCountryDatabasePath(options.baseDir);
    if (shipped) {
      try {
        country.push(openGeoDatabase(shipped));
      } catch (e) {
        warnings.push((e as Error).message);
      }
    } else {
      warnings.push('The bundled country database was not found: IP addresses get no country.');
    }
  }
  let asnTable: AsnTable | undefined;
  if (options.shippedAsnTable !== false) {
    const shipped = shippedAsnTablePath(options.baseDir);
    if (shipped) {
      try {
        asnTable = openAsnTable(shipped);
      } catch (e) {
        warnings.push((e as Error).message);
      }
    } else {
      warnings.push('The bundled ASN table was not found: IP addresses get no ASN.');
    }
  }
  const apps = new AppLabeller();
  const ips = new IpLabeller({ user, asn: asnTable, country });
  return {
    databases: [...user, ...country],
    asnTable,
    warnings,
    app: (appId: string | undefined, clientAppId?: string): AppLabel | undefined =>
      apps.label(appId, clientAppId),
    ip: (ip: string | undefined): IpLabel | undefined => ips.label(ip),
    release: (): void => {
      for (const db of [...user, ...country]) db.release();
      asnTable?.release();
    },
  };
}
