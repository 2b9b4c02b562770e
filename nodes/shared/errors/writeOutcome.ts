/** What a failed write (SMS, incident, order, …) tells about whether it happened anyway. */
export interface FailedRequest {
	httpCode?: string | number | null;
	message?: string;
}

/** Failures that happen before a request leaves: no connection, no host, no access token. */
const NEVER_SENT = /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|access[ _]token|Client ID|log in at Nextpertise|Username \/ Password/i;

/**
 * Whether KPN may have carried out a write that failed. A 4xx is a refusal (nothing happened), and
 * so is a redirect that was not followed (except 303, which answers a POST that was carried out); a
 * 5xx, a timeout, a dropped connection or an answer that could not be read leave it unknown.
 */
export function writeMayHaveHappened(error: FailedRequest): boolean {
	const status = Number(error.httpCode ?? Number.NaN);
	if (status >= 400 && status < 500) return false;
	if (status >= 300 && status < 400 && status !== 303) return false;
	if (Number.isFinite(status)) return true;
	return !NEVER_SENT.test(error.message ?? '');
}
