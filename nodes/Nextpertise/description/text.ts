// The document's descriptions made fit for n8n's field texts (its lint rules): a capital first
// letter, a final period only after more than one sentence, "ID" and "JSON" as written there,
// no reStructuredText markup.

/** n8n's rule: one sentence has no final period; more than one end with one. */
export function fitSentences(text: string): string {
	let value = text.trim().replace(/\s+/g, ' ');
	if (value === '') return '';
	value = value.charAt(0).toUpperCase() + value.slice(1);
	const sentences = value.replace('e.g.', '').split('. ').length;
	if (sentences === 1) return value.endsWith('.') ? value.slice(0, -1) : value;
	return /[.!?]$/.test(value) ? value : `${value}.`;
}

/** A description from the document, cleaned of markup and miscased words. */
export function fitDescription(text: string): string {
	const cleaned = text
		.replace(/:doc:`[^`]*`/g, 'zipcode')
		.replace(/`([^`]*)`/g, '"$1"')
		.replace(/\bids\b/g, 'IDs')
		.replace(/\bid\b/g, 'ID')
		.replace(/\bjson\b/gi, 'JSON')
		.replace(/\burl\b/gi, 'URL');
	return fitSentences(cleaned);
}
