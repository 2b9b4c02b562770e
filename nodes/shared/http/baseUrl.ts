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
 * tokens never cross a network unencrypted. User info (user:pass@) and fragments are refused, and a
 * query too unless `allowQuery` (a token URL may carry `?grant_type=…`): they would send requests to
 * another path or put other credentials on the wire. Returns the URL without a trailing slash.
 */
export function checkBaseUrl(value: unknown, fieldName: string, allowQuery = false): BaseUrlCheck {
	const text = typeof value === 'string' ? value.trim() : '';
	const url = parseUrl(text);
	if (url === undefined) return { problem: `${fieldName} "${text}" is not a valid URL` };
	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		return { problem: `${fieldName} must start with https://` };
	}
	if (url.username !== '' || url.password !== '') {
		return { problem: `${fieldName} must not contain a user name or password (user:pass@); the credential's own fields carry them` };
	}
	if (url.search !== '' || text.includes('?')) {
		if (!allowQuery) return { problem: `${fieldName} must not contain a query (?…)` };
	}
	if (url.hash !== '' || text.includes('#')) return { problem: `${fieldName} must not contain a fragment (#…)` };
	if (url.protocol === 'http:' && !LOOPBACK_HOSTS.has(url.hostname)) {
		return {
			problem: `${fieldName} must use https:// (plain http:// is only accepted for 127.0.0.1, localhost or ::1)`,
		};
	}
	return { url: text.replace(/\/+$/, '') };
}
