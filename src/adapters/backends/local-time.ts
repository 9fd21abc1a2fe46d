/** Minutes the zone is ahead of UTC at this instant (negative west of Greenwich). */
function offsetMinutes(timeZone: string, at: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(at));
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  return Math.round((asUtc - Math.floor(at / 1000) * 1000) / 60_000);
}

/** The UTC instant of a wall-clock hour on a YYYY-MM-DD day in an IANA time zone. */
export function zonedHourToUtc(day: string, hour: number, timeZone: string): Date {
  const naive = Date.parse(`${day}T00:00:00Z`) + hour * 3_600_000;
  let guess = naive - offsetMinutes(timeZone, naive) * 60_000;
  guess = naive - offsetMinutes(timeZone, guess) * 60_000; // settles across a DST change
  return new Date(guess);
}
