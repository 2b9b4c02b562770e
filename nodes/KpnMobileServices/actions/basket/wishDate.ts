/** KPN accepts a wish date from today up to 90 days ahead ("<= current date + 90"). */
export const MAX_WISH_DAYS = 90;

const DAY_MS = 86_400_000;
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?)?$/;
const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

/** Wall-clock parts of an instant in a time zone. */
function wallClock(instant: number, timeZone: string) {
	const parts = new Intl.DateTimeFormat('en-US', {
		timeZone,
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit',
	}).formatToParts(new Date(instant));
	const get = (type: string) => Number(parts.find((part) => part.type === type)?.value ?? 0);
	return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second') };
}

/** Minutes the zone is ahead of UTC at an instant. */
function offsetMinutes(instant: number, timeZone: string): number {
	const wall = wallClock(instant, timeZone);
	const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
	return Math.round((asUtc - Math.floor(instant / 1000) * 1000) / 60_000);
}

/** The instant at which the zone's clock shows the given wall time. */
function zonedInstant(wallAsUtc: number, timeZone: string): number {
	const first = wallAsUtc - offsetMinutes(wallAsUtc, timeZone) * 60_000;
	const second = wallAsUtc - offsetMinutes(first, timeZone) * 60_000;
	return second;
}

/** Calendar day (days since 1970-01-01) of an instant in a time zone. */
function dayNumber(instant: number, timeZone: string): number {
	const wall = wallClock(instant, timeZone);
	return Date.UTC(wall.year, wall.month - 1, wall.day) / DAY_MS;
}

function isoDay(day: number): string {
	return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export type WishDate = { iso?: string; problem?: undefined } | { iso?: undefined; problem: string };

/**
 * Reads a wish date: empty (as soon as possible), a date or date-time without offset (taken in the
 * workflow's time zone), an ISO date-time with offset, or a Date / Luxon DateTime from an
 * expression. Checks that its day lies from today to 90 days ahead and returns it as ISO (UTC).
 */
export function checkWishDate(raw: unknown, timeZone: string, now = Date.now()): WishDate {
	let instant: number;
	let shown: string;
	if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) return {};
	if (raw instanceof Date) {
		instant = raw.getTime();
		shown = Number.isNaN(instant) ? 'Invalid Date' : raw.toISOString();
	} else if (typeof raw === 'object' && typeof (raw as { toISO?: unknown }).toISO === 'function') {
		shown = String((raw as { toISO: () => string | null }).toISO() ?? '');
		instant = Date.parse(shown);
	} else {
		shown = String(raw).trim();
		const local = LOCAL.exec(shown);
		if (local) {
			const [, year, month, day, hour = '0', minute = '0', second = '0', millis = '0'] = local;
			const wall = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second), Number(millis.padEnd(3, '0')));
			const check = new Date(wall);
			const valid =
				check.getUTCFullYear() === Number(year) &&
				check.getUTCMonth() === Number(month) - 1 &&
				check.getUTCDate() === Number(day) &&
				Number(hour) < 24 &&
				Number(minute) < 60 &&
				Number(second) < 60;
			instant = valid ? zonedInstant(wall, timeZone) : Number.NaN;
		} else {
			instant = WITH_OFFSET.test(shown) ? Date.parse(shown) : Number.NaN;
		}
	}
	if (!Number.isFinite(instant)) {
		return { problem: `"${shown}" is not a date (use YYYY-MM-DD or an ISO date-time such as 2025-03-02T10:00:00+01:00)` };
	}
	const day = dayNumber(instant, timeZone);
	const today = dayNumber(now, timeZone);
	if (day < today) {
		return { problem: `${isoDay(day)} is in the past; KPN accepts today (${isoDay(today)}) up to ${MAX_WISH_DAYS} days ahead. Leave it empty for as soon as possible.` };
	}
	if (day > today + MAX_WISH_DAYS) {
		return { problem: `${isoDay(day)} is more than ${MAX_WISH_DAYS} days ahead; the latest KPN accepts is ${isoDay(today + MAX_WISH_DAYS)}` };
	}
	return { iso: new Date(instant).toISOString() };
}
