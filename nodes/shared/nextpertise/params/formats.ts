// Readable names and examples for the document's regexes and types, for hints, placeholders and
// validation messages ("a Dutch postcode like 2408ZE"). Keyed by the regex exactly as the
// catalogue writes it; a regex without an entry is described by the regex alone.
import {
	ACCESSLIST_NAME_REGEX,
	DATE_REGEX,
	DATETIME_REGEX,
	IPV4_SUBNET_REGEX,
	IPV6_SUBNET_REGEX,
	MAILBOX_REGEX,
	NID_REGEX,
	PHONE_REGEX,
	RECIPIENT_REGEX,
	TAG_REGEX,
	ZIPCODE_PREFIX_REGEX,
	ZIPCODE_REGEX,
} from '../catalogue/common';
import type { ParamSpec } from '../catalogue';

export interface Format {
	/** What the value is, with its article: "a Dutch postcode". */
	readonly name: string;
	/** A value that matches. */
	readonly example: string;
}

/** Regexes the catalogue writes inline (one method each), exactly as written there. */
export const CUSTOMER_CODE_REGEX = String.raw`^DB[0-9]{3,}$`;
export const USERNAME_EMAIL_REGEX = String.raw`^(.+@.+\..+)$`;
export const ISRA_REGEX = String.raw`^[0-9a-zA-Z/(). -_?]*$`;
export const DATE_PREFIX_REGEX = String.raw`^[0-9-]+$`;
export const WHITELIST_IPV4_REGEX = String.raw`^([0-9]{1,3}\.){3}[0-9]{1,3}(\/([0-9]|[1-2][0-9]|3[0-2]))?$`;
export const WHITELIST_IPV6_REGEX = String.raw`^(((?:(?:(?:[0-9a-fA-F]){1,4})?):){1,7}(?:(?:(?:[0-9a-fA-F]){1,4})?))(/(1[0-1][0-9]|12[0-8]|[1-9][0-9]|[1-9]))?$`;

const FORMATS: Readonly<Record<string, Format>> = {
	[NID_REGEX]: { name: 'a Nextpertise NID (carrier or circuit ID)', example: '2408ZE000100100' },
	[ZIPCODE_REGEX]: { name: 'a Dutch postcode', example: '2408ZE' },
	[ZIPCODE_PREFIX_REGEX]: { name: 'a Dutch postcode', example: '2408ZE' },
	[PHONE_REGEX]: { name: 'a Dutch national phone number', example: '0101234567' },
	[DATE_REGEX]: { name: 'a date YYYY-MM-DD', example: '2020-04-23' },
	[DATETIME_REGEX]: { name: 'a UTC date-time YYYY-MM-DDThh:mm:ssZ', example: '2018-01-29T17:18:00Z' },
	[MAILBOX_REGEX]: { name: 'an email address', example: 'info@example.com' },
	[RECIPIENT_REGEX]: { name: 'an email address', example: 'info@example.com' },
	[TAG_REGEX]: { name: 'a tag of letters, digits and / = : _ -', example: 'office' },
	[ACCESSLIST_NAME_REGEX]: { name: 'an access list name (3 or more of a-z, 0-9, _)', example: 'office_vpn' },
	[IPV4_SUBNET_REGEX]: { name: 'an IPv4 subnet in CIDR notation', example: '192.0.2.0/24' },
	[IPV6_SUBNET_REGEX]: { name: 'an IPv6 subnet in CIDR notation', example: '2001:db8::/48' },
	[CUSTOMER_CODE_REGEX]: { name: 'a customer code', example: 'DB123' },
	[USERNAME_EMAIL_REGEX]: { name: 'a user name (an email address)', example: 'user@example.com' },
	[ISRA_REGEX]: { name: 'an ISRA connection point name', example: '0/8/MTK/METERKAST' },
	[DATE_PREFIX_REGEX]: { name: 'a date or date prefix (digits and dashes)', example: '2025-01' },
	[WHITELIST_IPV4_REGEX]: { name: 'an IPv4 address or subnet', example: '192.0.2.10/32' },
	[WHITELIST_IPV6_REGEX]: { name: 'an IPv6 address or subnet', example: '2001:db8::1/128' },
};

export function formatOf(regex: string): Format | undefined {
	return Object.prototype.hasOwnProperty.call(FORMATS, regex) ? FORMATS[regex] : undefined;
}

/** Dutch postcode parameters are normalised (spaces removed, upper case) before they are checked. */
export function isPostcodeSpec(spec: ParamSpec): boolean {
	return spec.regex === ZIPCODE_REGEX || spec.regex === ZIPCODE_PREFIX_REGEX;
}

/** The specs a value may match: the alternatives where the document lists some, else the spec itself. */
export function alternativesOf(spec: ParamSpec): readonly ParamSpec[] {
	return spec.alternatives && spec.alternatives.length > 0 ? spec.alternatives : [spec];
}

function typeName(spec: ParamSpec): string {
	switch (spec.type) {
		case 'string':
			return 'text';
		case 'integer':
			return 'a whole number';
		case 'number':
			return 'a number';
		case 'boolean':
			return 'true or false';
		case 'array':
			return 'a list';
		case 'object':
			return 'an object';
	}
}

/** One alternative in words: "a Dutch postcode like 2408ZE (regex ^[0-9]{4}[A-Z]{2}$)". */
function describeOne(spec: ParamSpec): string {
	if (spec.enum) return `one of ${spec.enum.join(', ')}`;
	if (!spec.regex) return typeName(spec);
	const format = formatOf(spec.regex);
	return format ? `${format.name} like ${format.example} (regex ${spec.regex})` : `text matching the regex ${spec.regex}`;
}

/** What a parameter must be, in words, for validation messages. */
export function expectedText(spec: ParamSpec): string {
	const text = alternativesOf(spec).map(describeOne).join(' or ');
	return spec.nullable ? `${text} (or null)` : text;
}

/** A short example value for placeholders and shape hints, where the format gives one. */
export function exampleOf(spec: ParamSpec): string | undefined {
	for (const alternative of alternativesOf(spec)) {
		if (alternative.regex) {
			const format = formatOf(alternative.regex);
			if (format) return format.example;
		}
	}
	return undefined;
}

/** The format's name and example for a field's hint: "A Dutch postcode, e.g. 2408ZE". */
export function formatHint(spec: ParamSpec): string | undefined {
	const parts = alternativesOf(spec)
		.map((alternative) => (alternative.regex ? formatOf(alternative.regex) : undefined))
		.filter((format): format is Format => format !== undefined)
		.map((format) => `${format.name}, e.g. ${format.example}`);
	if (parts.length === 0) return undefined;
	const text = parts.join(', or ');
	return text.charAt(0).toUpperCase() + text.slice(1);
}
