import { gatewayFault, type Reply } from './http';

export const DEFAULT_QUOTA_LIMIT = 100_000;

function nextMonthUtc(now: Date): string {
	const reset = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
	return reset.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Apigee-style monthly quota, reported on every response through the quota-* headers. */
export class Quota {
	used = 0;

	constructor(public limit = DEFAULT_QUOTA_LIMIT) {}

	/** Counts one API call; true when the call is over the limit. */
	consume(): boolean {
		this.used += 1;
		return this.used > this.limit;
	}

	headers(): Record<string, string> {
		return {
			'quota-limit': String(this.limit),
			'quota-used': String(this.used),
			'quota-interval': '1',
			'quota-time-unit': 'month',
			'quota-reset-UTC': nextMonthUtc(new Date()),
		};
	}

	exceededReply(): Reply {
		const retryAfter = Math.max(1, Math.ceil((Date.parse(nextMonthUtc(new Date())) - Date.now()) / 1000));
		return gatewayFault(
			429,
			`Rate limit quota violation. Quota limit of ${this.limit} exceeded.`,
			'policies.ratelimit.QuotaViolation',
			{ 'Retry-After': String(retryAfter) },
		);
	}

	reset(): void {
		this.used = 0;
	}
}
