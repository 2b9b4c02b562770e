// A delivery-report POST as KPN sends it, read into one clean report per SMS recipient. KPN does
// not publish the exact field names, so each field is looked up under the names it is known by,
// ignoring case, underscores and dashes (document_id, DocumentId, documentId …).
import type { IDataObject } from 'n8n-workflow';

import { isRecord } from '../../shared/isRecord';
import { DELIVERY_STATUSES, SMS_ERROR_CODES, type DeliveryStatus, type ErrorClass } from './smsStatusCatalogue';

export interface DeliveryReport {
	documentId: string;
	recipient: string;
	status: DeliveryStatus;
	/** Three digits ('006'), or null when the report carries no error. */
	errorCode: string | null;
	/** ISO 8601, or null when the report carries no time. */
	time: string | null;
	raw: IDataObject;
}

/** Why a body is not a list of delivery reports, short enough for a 400 answer. */
export interface MalformedReports {
	problem: string;
}

const FIELD_NAMES = {
	documentId: ['documentid', 'docid', 'messageid'],
	recipient: ['mobilenumber', 'recipient', 'msisdn', 'phonenumber', 'number', 'destination', 'to'],
	status: ['status', 'statuscode', 'deliverystatus', 'state'],
	time: ['statusdatetime', 'statustime', 'datetime', 'timestamp', 'time'],
	errorCode: ['errorcode', 'error', 'reasoncode', 'code'],
} as const;

const LIST_KEYS = ['reports', 'dlrs', 'dlr', 'deliveryreports', 'results', 'messages', 'data', 'items'];

const normalise = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]/g, '');

/** A report's fields by normalised name: `field(names)` is the first of them with a value. */
function fieldsOf(report: IDataObject): (names: readonly string[]) => unknown {
	const byName = new Map(Object.keys(report).map((key) => [normalise(key), key]));
	return (names) => {
		for (const name of names) {
			const key = byName.get(name);
			if (key !== undefined && report[key] !== undefined && report[key] !== null && report[key] !== '') return report[key];
		}
		return undefined;
	};
}

function text(value: unknown): string | undefined {
	if (typeof value === 'string' && value.trim() !== '') return value.trim();
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return undefined;
}

function statusOf(value: unknown): DeliveryStatus | undefined {
	const raw = text(value);
	if (raw === undefined) return undefined;
	return DELIVERY_STATUSES.find((status) => String(status.code) === raw || status.text.toLowerCase() === raw.toLowerCase());
}

/** '6', 6 and '006' are the same code; 0, '000' and an empty value mean no error. */
function errorCodeOf(value: unknown): string | null {
	const raw = text(value);
	if (raw === undefined) return null;
	if (/^\d+$/.test(raw)) return Number(raw) === 0 ? null : raw.padStart(3, '0');
	return raw;
}

/** Epoch seconds or milliseconds (number or digits), or a date text, as ISO 8601. */
function timeOf(value: unknown): string | null | 'invalid' {
	if (value === undefined) return null;
	const raw = text(value);
	if (raw === undefined) return 'invalid';
	const millis = /^\d+(\.\d+)?$/.test(raw) ? (Number(raw) >= 1e12 ? Number(raw) : Number(raw) * 1000) : Date.parse(raw);
	return Number.isFinite(millis) ? new Date(millis).toISOString() : 'invalid';
}

const malformed = (problem: string): MalformedReports => ({ problem });

/** The reports of a body: one object, a list of them, or an object holding the list. */
function reportObjects(body: unknown): unknown[] | MalformedReports {
	let value = body;
	if (typeof value === 'string') {
		try {
			value = JSON.parse(value);
		} catch {
			return malformed('the body is not JSON');
		}
	}
	if (Array.isArray(value)) return value;
	if (!isRecord(value) || Object.keys(value).length === 0) return malformed('the body is empty or not a JSON object or array');
	const listKey = Object.keys(value).find((key) => LIST_KEYS.includes(normalise(key)) && Array.isArray(value[key]));
	return listKey === undefined ? [value] : (value[listKey] as unknown[]);
}

function readReport(value: unknown, where: string): DeliveryReport | MalformedReports {
	if (!isRecord(value)) return malformed(`${where} is not an object`);
	const field = fieldsOf(value);
	const documentId = text(field(FIELD_NAMES.documentId));
	if (documentId === undefined) return malformed(`${where} has no document_id`);
	const recipient = text(field(FIELD_NAMES.recipient));
	if (recipient === undefined) return malformed(`${where} has no mobile_number`);
	const rawStatus = field(FIELD_NAMES.status);
	const status = statusOf(rawStatus);
	if (status === undefined) {
		return malformed(rawStatus === undefined ? `${where} has no status` : `${where} has an unknown status ${JSON.stringify(rawStatus)} (expected 1–6)`);
	}
	const time = timeOf(field(FIELD_NAMES.time));
	if (time === 'invalid') return malformed(`${where} has a StatusDateTime that is not an epoch time`);
	return { documentId, recipient, status, errorCode: errorCodeOf(field(FIELD_NAMES.errorCode)), time, raw: value };
}

/** Every report of a delivery-report POST, or the first problem found. */
export function parseReports(body: unknown): DeliveryReport[] | MalformedReports {
	const objects = reportObjects(body);
	if (!Array.isArray(objects)) return objects;
	if (objects.length === 0) return malformed('the body holds no delivery reports');
	const reports: DeliveryReport[] = [];
	for (const [index, value] of objects.entries()) {
		const report = readReport(value, objects.length === 1 ? 'the report' : `report ${index + 1}`);
		if ('problem' in report) return report;
		reports.push(report);
	}
	return reports;
}

/** The output item of one report. */
export function reportItem(report: DeliveryReport, receivedAt: string): IDataObject {
	const error = report.errorCode === null ? undefined : SMS_ERROR_CODES[report.errorCode];
	const errorClass: ErrorClass | null = error?.class ?? null;
	return {
		document_id: report.documentId,
		recipient: report.recipient,
		status: report.status.code,
		statusText: report.status.text,
		final: report.status.final,
		delivered: report.status.code === 1,
		code: report.errorCode,
		meaning: report.errorCode === null ? null : (error?.meaning ?? 'Error code not in KPN’s published list'),
		class: errorClass,
		time: report.time,
		receivedAt,
		raw: report.raw,
	};
}

/** What makes a report a repeat: the same document, number and status. */
export function reportKey(report: DeliveryReport): string {
	return `${report.documentId}\n${report.recipient}\n${report.status.code}`;
}
