/** KPN's limits for one POST /send call (SMS API documentation and OpenAPI spec). */
export const MAX_PAIRS_PER_CALL = 200;
export const MAX_MESSAGES_PER_CALL = 5000;

/** Settings that are per call, not per message: items only share a call when these match. */
export interface SmsCallSettings {
	apiPath: string;
	sender: string;
	webhookUrl?: string;
	expireIn?: string;
	subAccount?: string;
}

export interface PreparedSms {
	itemIndex: number;
	content: string;
	recipients: string[];
	settings: SmsCallSettings;
}

export interface SmsBatch {
	settings: SmsCallSettings;
	entries: PreparedSms[];
}

function settingsKey(settings: SmsCallSettings): string {
	return JSON.stringify([
		settings.apiPath,
		settings.sender,
		settings.webhookUrl ?? '',
		settings.expireIn ?? '',
		settings.subAccount ?? '',
	]);
}

/**
 * Packs items into as few calls as KPN allows: items with the same call settings share a call
 * until the next one would cross 200 message×recipient pairs or 5000 messages.
 */
export function packSmsBatches(prepared: PreparedSms[], oneItemPerCall = false): SmsBatch[] {
	const open = new Map<string, { batch: SmsBatch; pairs: number }>();
	const batches: SmsBatch[] = [];
	for (const sms of prepared) {
		const key = settingsKey(sms.settings);
		const pairs = sms.recipients.length;
		let current = open.get(key);
		const full =
			current === undefined ||
			oneItemPerCall ||
			current.pairs + pairs > MAX_PAIRS_PER_CALL ||
			current.batch.entries.length + 1 > MAX_MESSAGES_PER_CALL;
		if (full) {
			current = { batch: { settings: sms.settings, entries: [] }, pairs: 0 };
			open.set(key, current);
			batches.push(current.batch);
		}
		current!.batch.entries.push(sms);
		current!.pairs += pairs;
	}
	return batches;
}
