import { formatUtc } from '../normalise/time';

/** A function that shows epoch milliseconds to a person. */
export type TimeFormatter = (ms: number) => string;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function offsetText(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** True when `zone` is an IANA time zone name this runtime knows. */
export function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * The formatter for the `mia.display.timeZone` setting: `UTC` (the default, and the fallback for an
 * unknown name) writes ISO 8601 with `Z` exactly as the reports do; `local` and an IANA name write
 * `YYYY-MM-DD HH:mm:ss` followed by the zone's offset at that instant, so a time is never ambiguous.
 */
export function timeFormatter(zone: string | undefined): TimeFormatter {
  const z = (zone ?? 'UTC').trim();
  if (z === '' || z.toUpperCase() === 'UTC' || z.toUpperCase() === 'Z') return formatUtc;
  if (z.toLowerCase() === 'local') {
    return (ms) => {
      const d = new Date(ms);
      return (
        `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ` +
        `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())} ${offsetText(-d.getTimezoneOffset())}`
      );
    };
  }
  if (!isKnownTimeZone(z)) return formatUtc;
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: z,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  return (ms) => {
    const p: Record<string, string> = {};
    for (const part of parts.formatToParts(new Date(ms))) p[part.type] = part.value;
    const wall = Date.UTC(
      Number(p.year),
      Number(p.month) - 1,
      Number(p.day),
      Number(p.hour),
      Number(p.minute),
      Number(p.second),
    );
    const offset = Math.round((wall - Math.floor(ms / 1000) * 1000) / 60_000);
    return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second} ${offsetText(offset)}`;
  };
}
