// Every row of a watched list in one poll, page after page through the node's pager, bounded.
import type { IDataObject, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { MAX_ENTRIES } from '../../shared/polling/changeTracker';
import type { NextpertiseClient } from '../../shared/nextpertise/transport';
import { fetchRows } from '../actions/paged';
import type { WatchedList } from './watchedList';

/**
 * Most rows one poll reads: what the change tracker can remember. A longer list could not be
 * tracked (rows it forgot would fire again as new), so such a poll fails instead.
 */
export const MAX_ROWS_PER_POLL = MAX_ENTRIES;

export async function readList(node: INode, client: NextpertiseClient, list: WatchedList, params: IDataObject): Promise<IDataObject[]> {
	const rows = await fetchRows(client, list.method, params, { returnAll: false, limit: MAX_ROWS_PER_POLL + 1 });
	if (rows.length > MAX_ROWS_PER_POLL) {
		throw new NodeOperationError(node, `${list.method.method} lists more than ${MAX_ROWS_PER_POLL.toLocaleString('en-US')} ${list.noun}s`, {
			description: `The trigger reads at most ${MAX_ROWS_PER_POLL.toLocaleString('en-US')} ${list.noun}s per poll and keeps track of each of them. Narrow the list with the trigger's filters. Nothing was recorded, so no change is lost.`,
		});
	}
	return rows;
}
