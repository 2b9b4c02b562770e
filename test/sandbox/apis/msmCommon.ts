import { randomUUID } from 'node:crypto';

import { json, unexpected, type ApiRequest, type Reply } from '../http';

export const MSM_BASE_PATH = '/mobile/kpn/mobileservices';

/** MSM's error body (spec ErrorResponse): transactionId, status, name, message, info. */
export function msmError(status: number, name: string, message: string, info = ''): Reply {
	return json(status, { transactionId: randomUUID(), status: String(status), name, message, info });
}

/** Thrown by validators; turned into an msmError reply by `msmGuard`. */
export class MsmError extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		message: string,
		readonly info = '',
	) {
		super(message);
	}
}

export function msmFail(code: string, message: string, info = '', status = 400): never {
	throw new MsmError(status, code, message, info);
}

export function msmGuard(run: () => Reply): Reply {
	try {
		return run();
	} catch (error) {
		if (error instanceof MsmError) return msmError(error.status, error.code, error.message, error.info);
		return unexpected(error);
	}
}

function pageParam(request: ApiRequest, name: 'from' | 'to', fallback: number): number {
	const raw = request.query[name];
	if (raw === undefined || raw === '') return fallback;
	const value = Number(raw);
	if (!/^\d+$/.test(raw) || !Number.isSafeInteger(value)) {
		msmFail('INVALID_PAGINATION', `${name} must be a whole number >= 0`, `got '${raw}'`);
	}
	return value;
}

/** `from` (inclusive, default 0) / `to` (exclusive, default 20) → {result, total}. */
export function paged<T>(request: ApiRequest, items: T[]): Reply {
	const from = pageParam(request, 'from', 0);
	const to = pageParam(request, 'to', 20);
	if (to < from) msmFail('INVALID_PAGINATION', 'to must not be smaller than from', `from=${from}, to=${to}`);
	return json(200, { result: items.slice(from, to), total: items.length });
}

/** A numeric path id, or a 400. */
export function numericId(raw: string, what: string): number {
	if (!/^\d+$/.test(raw)) msmFail('INVALID_ID', `${what} id must be a number`, `got '${raw}'`);
	return Number(raw);
}
