const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

export type BaseUrlCheck = { url: string; problem?: undefined } | { url?: undefined; problem: string };

function parseUrl(text: string): URL | undefined {
	try {
		return new URL(text);
	} catch {
		return undefined;
	}
}

/**
 * Checks a credential URL and refuses plain HTTP unless it points at this machine, so secrets and
 * tokens never cross a network unencrypted. Returns the URL without a trailing slash.
 */
export function checkBaseUrl(value: unknown, fieldName: string): BaseUrlCheck {
	const text = typeof value === 'string' ? value.trim() : '';
	const url = parseUrl(text);
	if (url === undefined) return { problem: `${fieldName} "${text}" is not a valid URL` };
	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		return { problem: `${fieldName} must start with https://` };
	}
	if (url.protocol === 'http:' && !LOOPBACK_HOSTS.has(url.hostname)) {
		return {
			problem: `${fieldName} must use https:// (plain http:// is only accepted for 127.0.0.1, localhost or ::1)`,
		};
	}
	return { url: text.replace(/\/+$/, '') };
}
