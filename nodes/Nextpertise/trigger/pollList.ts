// One poll of the Nextpertise Trigger: check the filters, read the whole list, compare it with
// what the last poll saw (workflow static data) and output what is new or changed.
import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { changeItem, diff, readTracker, type ChangeEvent, type Observed } from '../../shared/polling/changeTracker';
import { NextpertiseClient } from '../../shared/nextpertise/transport';
import { filterParams } from './filters';
import { readList } from './readList';
import type { WatchedList } from './watchedList';

export async function pollList(context: IPollFunctions, list: WatchedList): Promise<INodeExecutionData[][] | null> {
	const node = context.getNode();
	const filters = filterParams(list, context.getNodeParameter(list.filtersParameter, {}) as IDataObject);
	if (filters.problem !== undefined) throw new NodeOperationError(node, `Filters: ${filters.problem}`);
	const events = list.eventsParameter
		? (context.getNodeParameter(list.eventsParameter, ['new', 'stateChanged']) as ChangeEvent[])
		: (['new'] as ChangeEvent[]);
	if (events.length === 0) throw new NodeOperationError(node, 'Events is empty: choose at least one event that starts the workflow');
	const options = context.getNodeParameter('options', {}) as { includeExisting?: boolean };

	const client = await NextpertiseClient.connect(context);
	const rows = await readList(node, client, list, filters.params);
	const output = (items: IDataObject[]) => [client.redactor.items(context.helpers.returnJsonArray(items))];

	if (context.getMode() === 'manual') {
		const newest = [...rows].sort((a, b) => list.newness(b).localeCompare(list.newness(a)))[0];
		if (!newest) {
			throw new NodeOperationError(node, `Nextpertise lists no ${list.noun}s that match the filters, so there is no test event`, {
				description: `${list.method.method} returned no ${list.noun}s. Remove or change the filters, or activate the workflow and wait for one.`,
			});
		}
		return output([changeItem(newest, 'new', null)]);
	}

	const observed: Array<Observed<IDataObject>> = [];
	for (const row of rows) {
		const key = list.key(row);
		if (key !== undefined) observed.push({ key, state: list.state(row), item: row });
	}
	const staticData = context.getWorkflowStaticData('node');
	const scope = JSON.stringify({ triggerOn: list.triggerOn, params: filters.params });
	const result = diff(readTracker(staticData.tracker, scope), observed, {
		scope,
		now: Date.now(),
		includeExisting: options.includeExisting === true,
	});
	staticData.tracker = result.next as unknown as IDataObject;

	const fired = result.changes
		.filter((change) => events.includes(change.event))
		.map((change) =>
			changeItem(change.observed.item, change.event, change.previousState === null ? null : list.shownState(change.previousState)),
		);
	return fired.length > 0 ? output(fired) : null;
}
