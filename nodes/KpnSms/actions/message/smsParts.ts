// GSM 03.38 basic character set; characters from the extension table count twice.
const GSM_BASIC =
	'@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENSION = '^{}\\[~]|€\f';

/**
 * KPN's SMS documentation: "Maximum message length 1000 characters". A character is one Unicode
 * character (code point), as written: a letter, space, emoji, € or [ is one each, also when
 * JavaScript stores it in two UTF-16 units. An emoji built from several characters (👍🏽 is 👍 and
 * a skin tone) counts each of them.
 */
export const MAX_MESSAGE_CHARACTERS = 1000;

/** The rule behind MAX_MESSAGE_CHARACTERS, in the words of the node's error message. */
export const MESSAGE_LENGTH_RULE =
	'KPN counts Unicode characters: a letter, space, emoji, € or [ is one each; an emoji built from several (such as 👍🏽) counts each part';

/** The length of a message as KPN counts it against its 1000-character maximum. */
export function countMessageCharacters(content: string): number {
	// A string's iterator yields code points: a surrogate pair is one character.
	return Array.from(content).length;
}

const isGsmCharacter = (char: string) => GSM_BASIC.includes(char) || GSM_EXTENSION.includes(char);

/**
 * How many SMS a text is split into (and billed as), by the GSM standard (3GPP TS 23.038/23.040):
 * GSM-7 texts 160 septets in one SMS, else 153 per part, a character of the extension table
 * (€ [ ] { } \ ^ ~ | and form feed) taking two; any other text goes as UCS-2, 70 UTF-16 units in
 * one SMS, else 67 per part, an emoji outside the Basic Multilingual Plane taking two. A character
 * is never split over two parts. An estimate: KPN's documents only say that messages over 160
 * characters are split.
 */
export function countSmsParts(content: string): number {
	const characters = [...content];
	const gsm = characters.every(isGsmCharacter);
	const cost = gsm ? (char: string) => (GSM_EXTENSION.includes(char) ? 2 : 1) : (char: string) => char.length;
	const [single, perPart] = gsm ? [160, 153] : [70, 67];
	const total = characters.reduce((sum, char) => sum + cost(char), 0);
	if (total <= single) return 1;
	let parts = 1;
	let used = 0;
	for (const char of characters) {
		const size = cost(char);
		if (used + size > perPart) {
			parts++;
			used = 0;
		}
		used += size;
	}
	return parts;
}

/**
 * Characters that cannot be part of a sender name: an alphanumeric sender is sent in the GSM 7-bit
 * basic alphabet (3GPP TS 23.040), so anything outside it, and line breaks, are refused.
 */
export function invalidSenderCharacters(sender: string): string[] {
	return [...new Set([...sender].filter((char) => char === '\n' || char === '\r' || !GSM_BASIC.includes(char)))];
}
