// The user's filters of a watched list, checked against the catalogue's format and values before
// anything is sent, as the request params of the list method.
import type { IDataObject } from 'n8n-workflow';

import type { WatchedList } from './watchedList';

export type FilterResult = { params: IDataObject; problem?: undefined } | { problem: string; params?: undefined };

export function filterParams(list: WatchedList, values: IDataObject): FilterResult {
	const params: IDataObject = {};
	for (const field of list.filters) {
		let value = values[field.name];
		if (value === undefined || value === null || value === '') continue;
		if (field.kind === 'boolean') {
			if (typeof value !== 'boolean') return { problem: `${field.displayName} must be true or false (got ${JSON.stringify(value)})` };
		} else {
			if (typeof value !== 'string' && typeof value !== 'number') {
				return { problem: `${field.displayName} must be text (got ${JSON.stringify(value)})` };
			}
			value = String(value).trim();
			if (value === '') continue;
			if (field.values && !field.values.includes(value)) {
				return { problem: `${field.displayName} must be one of ${field.values.join(', ')} (got ${JSON.stringify(value)})` };
			}
			if (field.pattern && !new RegExp(field.pattern).test(value)) {
				return { problem: `${field.displayName} must match ${field.pattern} (got ${JSON.stringify(value)})` };
			}
		}
		const [first, second] = field.path;
		if (second === undefined) params[first] = value;
		else params[first] = { ...((params[first] as IDataObject | undefined) ?? {}), [second]: value };
	}
	return { params };
}
