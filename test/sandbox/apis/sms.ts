import { randomUUID } from 'node:crypto';

import { isRecord, json, kpnError, unexpected, type ApiRequest, type Reply } from '../http';
import { Router } from '../router';
import type { AcceptedSend } from './smsDeliveryReports';

/** Current base path first; the seed document's older one second. */
export const SMS_BASE_PATHS = ['/communication/kpn/sms', '/messaging/sms-kpn/v1'];

export const SMS_LIMITS = {
	minMessages: 1,
	maxMessages: 5000,
	maxSenderLength: 11,
	maxContentLength: 1000,
	maxMessageRecipientPairs: 200,
};

const NUMBER_HINT =
	'Use +316xxxxxxxx, 06xxxxxxxx, 00316xxxxxxxx, 097xxxxxxxxx or +<country code><number>; the 060, 067 and 069 ranges are not mobile ranges';

class SmsValidationError extends Error {
	constructor(
		message: string,
		readonly info: string,
	) {
		super(message);
	}
}

/** Why a number is refused, or undefined when KPN would accept it. */
export function smsNumberProblem(raw: string): string | undefined {
	const number = raw.trim();
	if (number === '') return 'is empty';
	let national: string | undefined;
	if (/^\+\d+$/.test(number)) {
		if (!number.startsWith('+31')) return /^\+[1-9]\d{7,14}$/.test(number) ? undefined : 'is not a valid international number';
		national = `0${number.slice(3)}`;
	} else if (/^0031\d+$/.test(number)) {
		national = `0${number.slice(4)}`;
	} else if (/^0\d+$/.test(number)) {
		national = number;
	} else {
		return 'has an unsupported format';
	}
	const mobile = /^06(\d)\d{7}$/.exec(national);
	if (mobile) return ['0', '7', '9'].includes(mobile[1]) ? `is in the refused 06${mobile[1]} range` : undefined;
	if (/^097\d{8,9}$/.test(national)) return undefined;
	return 'is not a Dutch mobile number';
}

function fail(message: string, info: string): never {
	throw new SmsValidationError(message, info);
}

function validateEnvelope(body: Record<string, unknown>): unknown[] {
	const { messages, sender, webhook_url: webhookUrl, expirein } = body;
	if (!Array.isArray(messages)) fail('messages is required', 'Send {"messages":[{"content":"…","mobile_number":"…"}]}');
	if (messages.length < SMS_LIMITS.minMessages || messages.length > SMS_LIMITS.maxMessages) {
		fail(
			`messages has ${messages.length} items`,
			`messages must contain between ${SMS_LIMITS.minMessages} and ${SMS_LIMITS.maxMessages} items`,
		);
	}
	if (sender !== undefined) {
		if (typeof sender !== 'string' || sender.length === 0 || sender.length > SMS_LIMITS.maxSenderLength) {
			fail('Invalid sender', `sender must be a string of 1 to ${SMS_LIMITS.maxSenderLength} characters`);
		}
	}
	if (webhookUrl !== undefined && !isHttpUrl(webhookUrl)) {
		fail('Invalid webhook_url', 'webhook_url must be an absolute http(s) URL');
	}
	if (expirein !== undefined && !/^\d+$/.test(String(expirein))) {
		fail('Invalid expirein', 'expirein must be a whole number of seconds, as a string');
	}
	return messages;
}

function isHttpUrl(value: unknown): boolean {
	if (typeof value !== 'string') return false;
	try {
		return ['http:', 'https:'].includes(new URL(value).protocol);
	} catch {
		return false;
	}
}

/** One recipient of one message that a successful /send accepted. */
export interface SmsDelivery {
	/** As sent, trimmed (one entry per number of a comma-separated mobile_number). */
	number: string;
	content: string;
	/** The document_id of the /send reply that accepted it. */
	documentId: string;
}

/** Validates one message; returns its content and recipients. */
function validateMessage(message: unknown, index: number): { content: string; numbers: string[] } {
	const where = `messages[${index}]`;
	if (!isRecord(message)) fail(`${where} is not an object`, 'Each message needs content and mobile_number');
	const { content, mobile_number: mobileNumber } = message;
	if (typeof content !== 'string' || content.trim() === '') {
		fail(`${where}.content is required`, 'content must be a non-empty string');
	}
	if (content.length > SMS_LIMITS.maxContentLength) {
		fail(`${where}.content is too long`, `content has ${content.length} characters; the maximum is ${SMS_LIMITS.maxContentLength}`);
	}
	if (typeof mobileNumber !== 'string' || mobileNumber.trim() === '') {
		fail(`${where}.mobile_number is required`, NUMBER_HINT);
	}
	const numbers = mobileNumber.split(',');
	for (const number of numbers) {
		const problem = smsNumberProblem(number);
		if (problem) fail(`Invalid mobile_number in ${where}: '${number.trim()}' ${problem}`, NUMBER_HINT);
	}
	return { content, numbers: numbers.map((number) => number.trim()) };
}

/** The SMS API: /send validation, and every accepted (number, content) pair until reset(). */
export class SmsApi {
	/** In acceptance order; same array for the sandbox's whole life. */
	readonly deliveries: SmsDelivery[] = [];

	/** `onAccepted` hears of every successful /send (delivery reports are scheduled from it). */
	constructor(private readonly onAccepted?: (send: AcceptedSend) => void) {}

	router(): Router {
		return new Router().add('POST', '/send', (request) => this.send(request));
	}

	reset(): void {
		this.deliveries.length = 0;
	}

	private send(request: ApiRequest): Reply {
		if (!isRecord(request.body)) return kpnError(400, 'Request body must be a JSON object', 'Send {"messages":[…]}');
		let accepted: Array<{ content: string; numbers: string[] }>;
		try {
			accepted = validateEnvelope(request.body).map((message, index) => validateMessage(message, index));
			const pairs = accepted.reduce((sum, message) => sum + message.numbers.length, 0);
			if (pairs > SMS_LIMITS.maxMessageRecipientPairs) {
				fail(
					`Too many recipients: ${pairs} message-recipient combinations`,
					`One call may carry at most ${SMS_LIMITS.maxMessageRecipientPairs} message × recipient combinations`,
				);
			}
		} catch (error) {
			if (error instanceof SmsValidationError) return kpnError(400, error.message, error.info);
			return unexpected(error);
		}
		const documentId = randomUUID();
		const recipients: string[] = [];
		for (const { content, numbers } of accepted) {
			for (const number of numbers) {
				this.deliveries.push({ number, content, documentId });
				recipients.push(number);
			}
		}
		const webhookUrl = typeof request.body.webhook_url === 'string' ? request.body.webhook_url : undefined;
		this.onAccepted?.({ documentId, webhookUrl, numbers: recipients });
		return json(200, { document_id: documentId, status: 'OK' });
	}
}
