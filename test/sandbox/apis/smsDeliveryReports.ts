import { randomUUID } from 'node:crypto';
import { request as httpRequest, type ClientRequest } from 'node:http';

import { isRecord } from '../http';

/**
 * KPN SMS delivery reports (DLRs): after a /send with `webhook_url`, KPN posts one report per recipient
 * to that URL. KPN documents the status codes, the epoch `StatusDateTime`, the SMS error codes and the
 * retry schedule, but not the JSON field names; the sandbox uses the shape of `DeliveryReport`.
 */

/** 1 Delivered, 2 Queued, 3 Accepted, 4 Failed, 5 Rejected, 6 Expired. */
export type DlrStatus = 1 | 2 | 3 | 4 | 5 | 6;

export const DLR_STATUS_TEXT: Record<DlrStatus, string> = {
	1: 'Delivered',
	2: 'Queued',
	3: 'Accepted',
	4: 'Failed',
	5: 'Rejected',
	6: 'Expired',
};

/** Statuses whose report carries an SMS error code. */
const ERROR_STATUSES = new Set<number>([4, 5, 6]);

/** One report (a POST body is one of these, or an array of them when batchSize > 1). */
export interface DeliveryReport {
	/** The document_id of the /send reply. */
	document_id: string;
	/** The number as it was sent, trimmed. */
	mobile_number: string;
	status: DlrStatus;
	/** Epoch seconds. */
	StatusDateTime: number;
	/** '001'…'030' for statuses 4, 5 and 6; otherwise null. */
	error_code: string | null;
}

export interface DeliveryReportSettings {
	/** Time from /send to the first attempt (and, with `intermediate`, from the Accepted reports to the final ones). */
	delayMs: number;
	/** Final status codes, round-robin over recipients in acceptance order. */
	statuses: DlrStatus[];
	/** Error codes, round-robin over the reports with status 4, 5 or 6. */
	errorCodes: string[];
	/** Each recipient first gets a status-3 (Accepted) report, then the final one. */
	intermediate: boolean;
	/** Reports per POST: 1 → the body is the report; > 1 → a JSON array of up to batchSize reports. */
	batchSize: number;
	/** Each POST is sent this many extra times (KPN re-sending the same report). */
	duplicates: number;
	/** Multiplier on KPN's retry delays of 60, 120 and 240 s (0.001 → 60, 120, 240 ms; 1 → real time). */
	retryScale: number;
	/** An attempt not answered within this time counts as failed (status 0). */
	timeoutMs: number;
	/** POST attempts in flight at the same time at most (others wait their turn, first come first served). */
	concurrency: number;
}

export const DEFAULT_DELIVERY_REPORT_SETTINGS: Readonly<DeliveryReportSettings> = Object.freeze<DeliveryReportSettings>({
	delayMs: 200,
	statuses: [1],
	errorCodes: ['006'],
	intermediate: false,
	batchSize: 1,
	duplicates: 0,
	retryScale: 0.001,
	timeoutMs: 10_000,
	concurrency: 8,
});

/** KPN's waits before the 2nd, 3rd and 4th attempt, in seconds (each after the previous failure). */
export const DLR_RETRY_DELAYS_SECONDS = [60, 120, 240];
/** KPN tries a report at most this many times. */
export const DLR_MAX_ATTEMPTS = 4;
/** Oldest attempt log entries are dropped beyond this many. */
export const MAX_DLR_ATTEMPT_ENTRIES = 20_000;
/** Most reports one `send({count})` may generate. */
export const MAX_GENERATED_REPORTS = 100_000;

/** One POST attempt. */
export interface DeliveryReportAttempt {
	/** Which POST this attempt belongs to (1, 2, … since the last reset; a duplicate is its own POST). */
	post: number;
	/** The webhook URL, query string included. */
	url: string;
	/** 1..4. */
	attempt: number;
	/** HTTP status; 0 on a connection error, a timeout, or a refused (non-loopback) URL. */
	status: number;
	/** Reports in the body. */
	reports: number;
	/** When the attempt started, ms since the epoch. */
	at: number;
	/** Connection error, timeout, or 'refused: …' for URLs the sandbox does not post to. */
	error?: string;
}

export interface DeliveryReportCounters {
	/** Reports generated (each recipient's intermediate and final report count separately; duplicates do not). */
	reports: number;
	/** POSTs started (duplicates included; a POST is retried up to 4 attempts). */
	posts: number;
	attempts: number;
	/** POSTs answered 2xx. */
	delivered: number;
	/** Attempts after a failed one. */
	retries: number;
	/** POSTs that failed all 4 attempts. */
	givenUp: number;
	/** POSTs not sent because the URL is not a loopback http URL. */
	refused: number;
}

/** What a /send accepted, as the SMS API hands it over. */
export interface AcceptedSend {
	documentId: string;
	webhookUrl?: string;
	/** Every recipient (one per number of every message), in acceptance order. */
	numbers: string[];
}

/** What tests and the admin API use. */
export interface DeliveryReportsController {
	settings(): DeliveryReportSettings;
	/** Changes some settings (validated; throws with a reason on bad values). Restarts the round-robin counters. */
	configure(settings: Partial<DeliveryReportSettings> | Record<string, unknown>): DeliveryReportSettings;
	/** Every POST attempt since the last reset (same array for the sandbox's whole life). */
	readonly attempts: DeliveryReportAttempt[];
	counters(): DeliveryReportCounters;
	/** Resolves when nothing is scheduled or in flight. */
	idle(): Promise<void>;
	isIdle(): boolean;
	/** Posts these bodies' reports now (batched by batchSize, with duplicates and retries). Returns the POST count. */
	send(url: string, reports: unknown[]): number;
	/** Generates `count` distinct reports (numbers +31610000000, +31610000001, …) and posts them now. */
	generate(url: string, count: number, options?: { documentId?: string; status?: DlrStatus }): { documentId: string; posts: number };
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** The URL when the sandbox may post to it (http: on a loopback host), else undefined. */
export function loopbackTarget(url: string): URL | undefined {
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		return undefined;
	}
	return parsed.protocol === 'http:' && LOOPBACK_HOSTS.has(parsed.hostname.toLowerCase()) ? parsed : undefined;
}

function bad(message: string): never {
	throw new Error(message);
}

function wholeNumber(name: string, value: unknown, min: number, max: number): number {
	if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
		bad(`${name} must be a whole number from ${min} to ${max}`);
	}
	return value;
}

function isStatus(value: unknown): value is DlrStatus {
	return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 6;
}

function isErrorCode(value: unknown): value is string {
	return typeof value === 'string' && /^\d{3}$/.test(value) && Number(value) >= 1 && Number(value) <= 30;
}

/** Checks a partial settings object; throws with a reason on unknown names or bad values. */
export function parseDeliveryReportSettings(input: unknown): Partial<DeliveryReportSettings> {
	if (!isRecord(input)) bad('body needs an object of settings, e.g. {"statuses": [1, 1, 1, 4]}');
	const parsed: Partial<DeliveryReportSettings> = {};
	for (const [name, value] of Object.entries(input)) {
		switch (name) {
			case 'delayMs':
				parsed.delayMs = wholeNumber(name, value, 0, 3_600_000);
				break;
			case 'statuses':
				if (!Array.isArray(value) || value.length === 0 || !value.every(isStatus)) {
					bad('statuses must be a non-empty list of status codes 1..6');
				}
				parsed.statuses = [...value];
				break;
			case 'errorCodes':
				if (!Array.isArray(value) || value.length === 0 || !value.every(isErrorCode)) {
					bad("errorCodes must be a non-empty list of 3-digit SMS error codes '001'..'030'");
				}
				parsed.errorCodes = [...value];
				break;
			case 'intermediate':
				if (typeof value !== 'boolean') bad('intermediate must be true or false');
				parsed.intermediate = value;
				break;
			case 'batchSize':
				parsed.batchSize = wholeNumber(name, value, 1, 1000);
				break;
			case 'duplicates':
				parsed.duplicates = wholeNumber(name, value, 0, 10);
				break;
			case 'retryScale':
				if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1) {
					bad('retryScale must be a number from 0 to 1 (1 = KPN\'s real 60/120/240 s)');
				}
				parsed.retryScale = value;
				break;
			case 'timeoutMs':
				parsed.timeoutMs = wholeNumber(name, value, 1, 600_000);
				break;
			case 'concurrency':
				parsed.concurrency = wholeNumber(name, value, 1, 256);
				break;
			default:
				bad(
					`unknown setting ${name}; known: ${Object.keys(DEFAULT_DELIVERY_REPORT_SETTINGS).join(', ')}`,
				);
		}
	}
	return parsed;
}

function copySettings(settings: Readonly<DeliveryReportSettings>): DeliveryReportSettings {
	return { ...settings, statuses: [...settings.statuses], errorCodes: [...settings.errorCodes] };
}

function nowSeconds(): number {
	return Math.floor(Date.now() / 1000);
}

function emptyCounters(): DeliveryReportCounters {
	return { reports: 0, posts: 0, attempts: 0, delivered: 0, retries: 0, givenUp: 0, refused: 0 };
}

interface Sleep {
	timer: NodeJS.Timeout;
	resolve: (completed: boolean) => void;
}

/** Schedules, posts and retries delivery reports; everything it does is cancelled by reset(). */
export class SmsDeliveryReports implements DeliveryReportsController {
	readonly attempts: DeliveryReportAttempt[] = [];
	private current = copySettings(DEFAULT_DELIVERY_REPORT_SETTINGS);
	private totals = emptyCounters();
	/** Round-robin positions: recipients and error reports since the last reset / configure. */
	private recipientIndex = 0;
	private errorIndex = 0;
	private postSequence = 0;
	/** Bumped by reset(): work of an older generation stops at its next step and records nothing. */
	private generation = 0;
	/** Chains (one per /send or send()) not finished yet. */
	private active = 0;
	private readonly sleeps = new Set<Sleep>();
	private readonly requests = new Set<ClientRequest>();
	private readonly idleWaiters: Array<() => void> = [];
	private running = 0;
	private readonly slotQueue: Array<(granted: boolean) => void> = [];

	settings(): DeliveryReportSettings {
		return copySettings(this.current);
	}

	configure(settings: Partial<DeliveryReportSettings> | Record<string, unknown>): DeliveryReportSettings {
		const parsed = parseDeliveryReportSettings(settings);
		this.current = copySettings({ ...this.current, ...parsed });
		this.recipientIndex = 0;
		this.errorIndex = 0;
		return this.settings();
	}

	counters(): DeliveryReportCounters {
		return { ...this.totals };
	}

	isIdle(): boolean {
		return this.active === 0;
	}

	idle(): Promise<void> {
		if (this.isIdle()) return Promise.resolve();
		return new Promise((resolve) => this.idleWaiters.push(resolve));
	}

	/** Cancels every scheduled or running POST, clears the attempt log and counters, restores the defaults. */
	reset(): void {
		this.generation++;
		for (const sleep of this.sleeps) {
			clearTimeout(sleep.timer);
			sleep.resolve(false);
		}
		this.sleeps.clear();
		for (const request of this.requests) request.destroy(new Error('cancelled by reset'));
		this.requests.clear();
		for (const waiter of this.slotQueue.splice(0)) waiter(false);
		this.attempts.length = 0;
		this.totals = emptyCounters();
		this.current = copySettings(DEFAULT_DELIVERY_REPORT_SETTINGS);
		this.recipientIndex = 0;
		this.errorIndex = 0;
		this.postSequence = 0;
	}

	/** Called by the SMS API after a successful /send (also when a fault hid the reply). */
	accept(send: AcceptedSend): void {
		if (send.webhookUrl === undefined || send.numbers.length === 0) return;
		const url = send.webhookUrl;
		const settings = this.settings();
		// Statuses and error codes are handed out now, in acceptance order, so they are deterministic.
		const finals = send.numbers.map((number) => {
			const status = settings.statuses[this.recipientIndex++ % settings.statuses.length];
			return { number, status, errorCode: this.errorCodeFor(status, settings) };
		});
		const report = (number: string, status: DlrStatus, errorCode: string | null): DeliveryReport => ({
			document_id: send.documentId,
			mobile_number: number,
			status,
			StatusDateTime: nowSeconds(),
			error_code: errorCode,
		});
		this.track(async (generation) => {
			if (!(await this.sleep(settings.delayMs, generation))) return;
			if (settings.intermediate) {
				await this.postAll(url, send.numbers.map((number) => report(number, 3, null)), settings, generation);
				if (!(await this.sleep(settings.delayMs, generation))) return;
			}
			await this.postAll(url, finals.map((final) => report(final.number, final.status, final.errorCode)), settings, generation);
		});
	}

	send(url: string, reports: unknown[]): number {
		const settings = this.settings();
		const posts = Math.ceil(reports.length / settings.batchSize) * (settings.duplicates + 1);
		this.track((generation) => this.postAll(url, reports, settings, generation));
		return posts;
	}

	generate(url: string, count: number, options: { documentId?: string; status?: DlrStatus } = {}): { documentId: string; posts: number } {
		wholeNumber('count', count, 1, MAX_GENERATED_REPORTS);
		if (options.status !== undefined && !isStatus(options.status)) bad('status must be a status code 1..6');
		const settings = this.settings();
		const documentId = options.documentId ?? randomUUID();
		const at = nowSeconds();
		const reports = Array.from({ length: count }, (_, index): DeliveryReport => {
			const status = options.status ?? settings.statuses[this.recipientIndex++ % settings.statuses.length];
			return {
				document_id: documentId,
				mobile_number: `+3161${String(index).padStart(7, '0')}`,
				status,
				StatusDateTime: at,
				error_code: this.errorCodeFor(status, settings),
			};
		});
		return { documentId, posts: this.send(url, reports) };
	}

	private errorCodeFor(status: DlrStatus, settings: DeliveryReportSettings): string | null {
		if (!ERROR_STATUSES.has(status)) return null;
		return settings.errorCodes[this.errorIndex++ % settings.errorCodes.length];
	}

	private track(chain: (generation: number) => Promise<void>): void {
		this.active++;
		chain(this.generation)
			.catch(() => undefined)
			.finally(() => {
				this.active--;
				if (this.active === 0) for (const waiter of this.idleWaiters.splice(0)) waiter();
			});
	}

	/** Resolves true after `ms`, or false at once when reset() cancels it. */
	private sleep(ms: number, generation: number): Promise<boolean> {
		if (generation !== this.generation) return Promise.resolve(false);
		if (ms <= 0) return Promise.resolve(true);
		return new Promise((resolve) => {
			const sleep: Sleep = {
				timer: setTimeout(() => {
					this.sleeps.delete(sleep);
					resolve(generation === this.generation);
				}, ms),
				resolve,
			};
			sleep.timer.unref();
			this.sleeps.add(sleep);
		});
	}

	/** Posts the reports of one phase: batches in order, each with its duplicates, all at once (up to `concurrency`). */
	private async postAll(url: string, reports: unknown[], settings: DeliveryReportSettings, generation: number): Promise<void> {
		if (generation !== this.generation) return;
		this.totals.reports += reports.length;
		const posts: Array<Promise<void>> = [];
		for (let start = 0; start < reports.length; start += settings.batchSize) {
			const batch = reports.slice(start, start + settings.batchSize);
			const text = JSON.stringify(settings.batchSize === 1 ? batch[0] : batch);
			for (let copy = 0; copy <= settings.duplicates; copy++) posts.push(this.post(url, text, batch.length, settings, generation));
		}
		await Promise.all(posts);
	}

	/** One POST: up to 4 attempts on KPN's (scaled) schedule until one is answered 2xx. */
	private async post(url: string, text: string, reports: number, settings: DeliveryReportSettings, generation: number): Promise<void> {
		const post = ++this.postSequence;
		this.totals.posts++;
		const target = loopbackTarget(url);
		if (!target) {
			this.totals.refused++;
			this.record({ post, url, attempt: 1, status: 0, reports, at: Date.now(), error: 'refused: only http URLs on 127.0.0.1, localhost or [::1] are posted to' });
			return;
		}
		for (let attempt = 1; attempt <= DLR_MAX_ATTEMPTS; attempt++) {
			if (attempt > 1 && !(await this.sleep(DLR_RETRY_DELAYS_SECONDS[attempt - 2] * 1000 * settings.retryScale, generation))) return;
			if (!(await this.acquire(generation))) return;
			const at = Date.now();
			let outcome: { status: number; error?: string };
			try {
				outcome = await this.request(target, text, settings.timeoutMs);
			} finally {
				this.release();
			}
			if (generation !== this.generation) return;
			if (attempt > 1) this.totals.retries++;
			this.record({ post, url, attempt, status: outcome.status, reports, at, ...(outcome.error === undefined ? {} : { error: outcome.error }) });
			if (outcome.status >= 200 && outcome.status < 300) {
				this.totals.delivered++;
				return;
			}
		}
		this.totals.givenUp++;
	}

	private record(attempt: DeliveryReportAttempt): void {
		this.totals.attempts++;
		this.attempts.push(attempt);
		if (this.attempts.length > MAX_DLR_ATTEMPT_ENTRIES) this.attempts.splice(0, this.attempts.length - MAX_DLR_ATTEMPT_ENTRIES);
	}

	private acquire(generation: number): Promise<boolean> {
		if (generation !== this.generation) return Promise.resolve(false);
		if (this.running < this.current.concurrency) {
			this.running++;
			return Promise.resolve(true);
		}
		return new Promise((resolve) =>
			this.slotQueue.push((granted) => {
				if (granted) this.running++;
				resolve(granted);
			}),
		);
	}

	private release(): void {
		this.running--;
		while (this.running < this.current.concurrency && this.slotQueue.length > 0) this.slotQueue.shift()?.(true);
	}

	private request(target: URL, text: string, timeoutMs: number): Promise<{ status: number; error?: string }> {
		return new Promise((resolve) => {
			let settled = false;
			const settle = (outcome: { status: number; error?: string }) => {
				if (settled) return;
				settled = true;
				resolve(outcome);
			};
			const request = httpRequest({
				hostname: target.hostname.replace(/^\[(.*)\]$/, '$1'),
				port: target.port === '' ? 80 : Number(target.port),
				path: `${target.pathname}${target.search}`,
				method: 'POST',
				agent: false,
				timeout: timeoutMs,
				headers: {
					'Content-Type': 'application/json',
					'Content-Length': String(Buffer.byteLength(text)),
					'User-Agent': 'kpn-sms-sandbox-dlr',
				},
			});
			this.requests.add(request);
			request.on('close', () => {
				this.requests.delete(request);
				settle({ status: 0, error: 'connection closed before an answer' });
			});
			request.on('timeout', () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
			request.on('error', (error) => settle({ status: 0, error: error.message }));
			request.on('response', (response) => {
				response.resume();
				settle({ status: response.statusCode ?? 0 });
			});
			request.end(text);
		});
	}
}
