/** Number and time formatting in the viewer's locale and time zone. */

export const browserZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

const integer = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });

export const fmtInt = (value: number): string => integer.format(value);
export const fmtDec = (value: number): string => decimal.format(value);

export function fmtDuration(seconds: number): string {
  if (seconds < 60) return '< 1 min';
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.round((seconds % 3600) / 60);
  return hours ? `${hours} h ${minutes} min` : `${minutes} min`;
}

/** A bucket label: hours for sub-day buckets, dates for days. */
export function fmtBucket(epochSeconds: number, interval: string, zone: string): string {
  const options: Intl.DateTimeFormatOptions =
    interval === '1d'
      ? { month: 'short', day: 'numeric', timeZone: zone }
      : { weekday: 'short', hour: '2-digit', minute: '2-digit', timeZone: zone };
  return new Intl.DateTimeFormat(undefined, options).format(new Date(epochSeconds * 1000));
}

export function fmtWhen(iso: string, zone: string): string {
  return new Intl.DateTimeFormat(undefined, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: zone,
  }).format(new Date(iso));
}
