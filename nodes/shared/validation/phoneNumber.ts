export type PhoneNumberCheck = { valid: true; number: string } | { valid: false; reason: string };

const SEPARATORS = /[\s\-.()/]/g;
const INVALID_MOBILE_RANGES = new Set(['0', '7', '9']);

/**
 * Normalises a number for KPN SMS to international form (+316…). Accepts what KPN documents:
 * 06…, +316…, 0031…, 097… and international +<country>…; refuses the 060/067/069 ranges and Dutch
 * numbers that are not mobile.
 */
export function normalizeSmsNumber(raw: string): PhoneNumberCheck {
	const compact = raw.trim().replace(SEPARATORS, '');
	if (compact === '') return { valid: false, reason: 'is empty' };

	let international: string;
	if (compact.startsWith('+')) international = compact;
	else if (compact.startsWith('00')) international = `+${compact.slice(2)}`;
	else if (compact.startsWith('0')) international = `+31${compact.slice(1)}`;
	else return { valid: false, reason: 'needs a leading 0 (06…), +31 or another +<country code>' };

	if (!/^\+[1-9]\d{7,14}$/.test(international)) {
		return { valid: false, reason: 'is not a valid phone number' };
	}
	if (!international.startsWith('+31')) return { valid: true, number: international };

	const national = `0${international.slice(3)}`;
	const mobile = /^06(\d)\d{7}$/.exec(national);
	if (mobile) {
		if (INVALID_MOBILE_RANGES.has(mobile[1])) {
			return { valid: false, reason: `is in the 06${mobile[1]} range, which KPN does not accept for SMS` };
		}
		return { valid: true, number: international };
	}
	if (/^097\d{8,9}$/.test(national)) return { valid: true, number: international };
	return { valid: false, reason: 'is a Dutch number but not a mobile number (06… or 097…)' };
}
