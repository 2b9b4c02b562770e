// The paging fields of a method that pages: Return All / Limit (the node pages), or One Page (one
// call for the page the user names). Page style methods send `pagination: { page, per_page }`,
// user.list_profiles sends `paging: { offset, length }`; the names and limits are the document's.
import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

import { returnAllAndLimit } from '../../shared/fields/returnAllLimit';
import type { MethodSpec } from '../../shared/nextpertise/catalogue';
import { DEFAULT_PAGE_SIZE, ONE_PAGE_FIELDS } from '../../shared/nextpertise/paging';

type Show = NonNullable<IDisplayOptions['show']>;

export function pageFields(method: MethodSpec, show: Show): INodeProperties[] {
	const onePage: Show = { ...show, [ONE_PAGE_FIELDS.onePage]: [true] };
	const pageStyle = method.paging?.style === 'page';
	return [
		{
			displayName: 'One Page',
			name: ONE_PAGE_FIELDS.onePage,
			type: 'boolean',
			default: false,
			displayOptions: { show },
			description: pageStyle
				? 'Whether to ask for one page by its number and size (one call, that page\'s rows) instead of Return All / Limit'
				: 'Whether to ask for one page by its offset and size (one call, that page\'s rows) instead of Return All / Limit',
		},
		...returnAllAndLimit({ ...show, [ONE_PAGE_FIELDS.onePage]: [false] }),
		pageStyle
			? {
					displayName: 'Page',
					name: ONE_PAGE_FIELDS.page,
					type: 'number',
					typeOptions: { minValue: 1, numberPrecision: 0 },
					default: 1,
					displayOptions: { show: onePage },
					description: 'The page to ask for (pagination.page); the first page is 1',
				}
			: {
					displayName: 'Offset',
					name: ONE_PAGE_FIELDS.offset,
					type: 'number',
					typeOptions: { minValue: 0, numberPrecision: 0 },
					default: 0,
					displayOptions: { show: onePage },
					description: 'The first row to return (paging.offset); the first row is 0',
				},
		{
			displayName: 'Page Size',
			name: ONE_PAGE_FIELDS.pageSize,
			type: 'number',
			typeOptions: { minValue: pageStyle ? 0 : 1, numberPrecision: 0 },
			default: DEFAULT_PAGE_SIZE,
			displayOptions: { show: onePage },
			description: pageStyle
				? "Rows per page (pagination.per_page); the document says 0 means 'all' on some endpoints"
				: 'Rows to return (paging.length)',
		},
	];
}
