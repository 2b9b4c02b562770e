// KPN's delivery-report catalogue: the delivery status codes and the SMS error codes a delivery
// report carries, with their meaning and class, as KPN publishes them for the SMS API.

export interface DeliveryStatus {
	readonly code: number;
	readonly text: string;
	/** Whether KPN is done with the message: no later report follows for this number. */
	readonly final: boolean;
}

export const DELIVERY_STATUSES: readonly DeliveryStatus[] = [
	{ code: 1, text: 'Delivered', final: true },
	{ code: 2, text: 'Queued', final: false },
	{ code: 3, text: 'Accepted', final: false },
	{ code: 4, text: 'Failed', final: true },
	{ code: 5, text: 'Rejected', final: true },
	{ code: 6, text: 'Expired', final: true },
];

export type ErrorClass = 'delivery' | 'content' | 'policy-or-quota' | 'regulatory';

export interface SmsErrorCode {
	readonly meaning: string;
	readonly class: ErrorClass;
}

export const SMS_ERROR_CODES: Readonly<Record<string, SmsErrorCode>> = {
	'001': { meaning: 'Unknown or unspecified error', class: 'delivery' },
	'002': { meaning: 'Recipient number/subscriber is unknown or invalid', class: 'delivery' },
	'003': { meaning: 'Recipient is barred, blocked, illegal, suspended', class: 'delivery' },
	'004': { meaning: 'Recipient has opted out or requested not to receive', class: 'delivery' },
	'005': { meaning: 'Recipient/network/device cannot receive SMS', class: 'delivery' },
	'006': { meaning: 'Recipient handset is temporarily unavailable or busy', class: 'delivery' },
	'007': { meaning: 'Recipient is temporarily unreachable or out of coverage', class: 'delivery' },
	'008': { meaning: 'Recipient deregistered or permanently unavailable', class: 'delivery' },
	'009': { meaning: 'Temporary handset/SIM/storage issue', class: 'delivery' },
	'010': { meaning: 'Permanent handset/SIM/device issue', class: 'delivery' },
	'011': { meaning: 'Network/system/operator failure', class: 'delivery' },
	'012': { meaning: 'Delivery failed due to number portability issue', class: 'delivery' },
	'013': { meaning: 'Provider could not find suitable internal route', class: 'delivery' },
	'014': { meaning: 'No delivery route could be found', class: 'delivery' },
	'015': { meaning: 'Delivery failed due to unspecified routing error', class: 'delivery' },
	'016': { meaning: 'Malformed request or invalid submission', class: 'content' },
	'017': { meaning: 'Invalid message parameter or encoding issue', class: 'content' },
	'018': { meaning: 'Blocked by anti-spam or safeguard controls', class: 'content' },
	'019': { meaning: 'Content not permitted', class: 'content' },
	'020': { meaning: 'Insufficient credit/quota', class: 'policy-or-quota' },
	'021': { meaning: 'Blocked due to age or parental restrictions', class: 'policy-or-quota' },
	'022': { meaning: 'Recipient opted out or in Do-Not-Disturb list', class: 'policy-or-quota' },
	'023': { meaning: 'Spend/quota/rate/conversation limit reached', class: 'policy-or-quota' },
	'024': { meaning: 'Message validity expired before delivery', class: 'policy-or-quota' },
	'025': { meaning: 'Failure at third party provider', class: 'policy-or-quota' },
	'026': { meaning: 'DLT entity-id is missing or invalid', class: 'regulatory' },
	'027': { meaning: 'DLT header ID is missing or invalid', class: 'regulatory' },
	'028': { meaning: 'DLT content-id is missing or invalid', class: 'regulatory' },
	'029': { meaning: 'Required recipient consent is not authorized', class: 'regulatory' },
	'030': { meaning: 'Unexpected regulatory/compliance error', class: 'regulatory' },
};

/** The statuses that fire by default: the final ones. */
export const FINAL_STATUS_CODES = DELIVERY_STATUSES.filter((status) => status.final).map((status) => status.code);
