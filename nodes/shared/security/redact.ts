const MIN_SECRET_LENGTH = 4;

/** Replaces every occurrence of each secret in the text, so a message can be shown or logged. */
export function redactSecrets(text: string, secrets: Array<string | undefined>): string {
	let result = text;
	for (const secret of secrets) {
		if (typeof secret === 'string' && secret.length >= MIN_SECRET_LENGTH) {
			result = result.split(secret).join('***');
		}
	}
	return result;
}
