/** KPN's Apigee quota, as reported on every response (all values as KPN sends them). */
export interface KpnQuota {
	limit?: string;
	used?: string;
	interval?: string;
	timeUnit?: string;
	resetUtc?: string;
}

const QUOTA_HEADERS: Array<[keyof KpnQuota, string]> = [
	['limit', 'quota-limit'],
	['used', 'quota-used'],
	['interval', 'quota-interval'],
	['timeUnit', 'quota-time-unit'],
	['resetUtc', 'quota-reset-utc'],
];

export function quotaFromHeaders(headers: Record<string, unknown> | undefined): KpnQuota {
	const lower: Record<string, unknown> = {};
	for (const [name, value] of Object.entries(headers ?? {})) lower[name.toLowerCase()] = value;
	const quota: KpnQuota = {};
	for (const [key, header] of QUOTA_HEADERS) {
		const value = lower[header];
		if (typeof value === 'string' || typeof value === 'number') quota[key] = String(value);
	}
	return quota;
}
