// GSM 03.38 basic character set; characters from the extension table count twice.
const GSM_BASIC =
	'@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENSION = '^{}\\[~]|€\f';

/** How many SMS a text is split into (and billed as): 160/153 for GSM-7, 70/67 for Unicode. */
export function countSmsParts(content: string): number {
	let gsmLength = 0;
	let isGsm = true;
	for (const char of content) {
		if (GSM_BASIC.includes(char)) gsmLength += 1;
		else if (GSM_EXTENSION.includes(char)) gsmLength += 2;
		else {
			isGsm = false;
			break;
		}
	}
	if (isGsm) return gsmLength <= 160 ? 1 : Math.ceil(gsmLength / 153);
	const units = [...content].reduce((sum, char) => sum + (char.codePointAt(0)! > 0xffff ? 2 : 1), 0);
	return units <= 70 ? 1 : Math.ceil(units / 67);
}

/**
 * Characters that cannot be part of a sender name: an alphanumeric sender is sent in the GSM 7-bit
 * basic alphabet (3GPP TS 23.040), so anything outside it, and line breaks, are refused.
 */
export function invalidSenderCharacters(sender: string): string[] {
	return [...new Set([...sender].filter((char) => char === '\n' || char === '\r' || !GSM_BASIC.includes(char)))];
}
