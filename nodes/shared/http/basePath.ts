/** Checks an "API Base Path" option; returns the problem in words, or the path to use. */
export function checkBasePath(value: unknown, fallback: string): { path: string; problem?: string } {
	const path = String(value ?? '').trim();
	if (path === '') return { path: fallback };
	if (/^[a-z][a-z0-9+.-]*:\/\//i.test(path)) {
		return {
			path,
			problem: `"${path}" is a URL; give only the path (such as ${fallback}); the host comes from the credential's Base URL`,
		};
	}
	if (/[\s?#]/.test(path)) return { path, problem: `"${path}" is not a URL path (no spaces, ? or #)` };
	return { path: path.startsWith('/') ? path : `/${path}` };
}
