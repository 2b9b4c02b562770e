import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { KpnClient } from '../shared/kpn/transport';
import {
	checkBasePath,
	compareDisturbancesNewestFirst,
	DISTURBANCE_BASE_PATH,
	disturbanceBasePathOption,
	fetchDisturbances,
	filterDisturbances,
	filterOptions,
	stateFields,
	stateValue,
	type DisturbanceFilters,
} from './disturbanceApi';
import { changeItem, diff, readTracker, type ChangeEvent, type Observed } from '../shared/polling/changeTracker';

interface TriggerOptions {
	basePath?: string;
	includeExisting?: boolean;
}

function disturbanceKey(item: IDataObject): string | undefined {
	const key = item.id ?? item.serviceguard_ticket_id;
	return key === undefined || key === null || key === '' ? undefined : String(key);
}

export class KpnDisturbanceTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'KPN Disturbance Trigger',
		name: 'kpnDisturbanceTrigger',
		icon: { light: 'file:../../icons/kpn.svg', dark: 'file:../../icons/kpn.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{"state: " + $parameter["state"]}}',
		description: 'Starts the workflow when KPN reports a new network disturbance or a disturbance changes state',
		defaults: { name: 'KPN Disturbance Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'kpnApi', required: true }],
		properties: [
			...stateFields(undefined, 'all'),
			{
				displayName: 'Trigger On',
				name: 'events',
				type: 'multiOptions',
				required: true,
				default: ['new'],
				options: [
					{ name: 'New Disturbance', value: 'new', description: 'A disturbance KPN did not report before' },
					{
						name: 'State Change',
						value: 'stateChanged',
						description: 'A known disturbance changes state, e.g. open → closed (needs State "All" to see both states)',
					},
				],
				description: 'Which changes start the workflow; each output item has "event" and "previous_state"',
			},
			{
				displayName: 'Filters',
				name: 'filters',
				type: 'collection',
				placeholder: 'Add Filter',
				default: {},
				description: 'Only disturbances that match start the workflow',
				options: filterOptions,
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					disturbanceBasePathOption,
					{
						displayName: 'Include Existing',
						name: 'includeExisting',
						type: 'boolean',
						default: false,
						description:
							'Whether the first poll after activation also outputs the disturbances that already exist; by default only disturbances reported later fire',
					},
				],
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const node = this.getNode();
		const state = stateValue(this.getNodeParameter('state', 'all'), this.getNodeParameter('customState', ''));
		if (state.problem) throw new NodeOperationError(node, state.problem);
		const options = this.getNodeParameter('options', {}) as TriggerOptions;
		const basePath = checkBasePath(options.basePath, DISTURBANCE_BASE_PATH);
		if (basePath.problem) throw new NodeOperationError(node, `API Base Path: ${basePath.problem}`);
		const events = this.getNodeParameter('events', ['new']) as ChangeEvent[];
		if (events.length === 0) throw new NodeOperationError(node, 'Trigger On is empty: choose New Disturbance, State Change or both');
		const filters = this.getNodeParameter('filters', {}) as DisturbanceFilters;

		const client = await KpnClient.connect(this, 'kpnApi');
		const disturbances = await fetchDisturbances(this, client, basePath.path, state.state);

		if (this.getMode() === 'manual') {
			const latest = filterDisturbances(disturbances, filters).sort(compareDisturbancesNewestFirst)[0];
			if (!latest) {
				throw new NodeOperationError(node, `KPN reports no disturbances with state "${state.state}" that match the filters`, {
					description: 'There is nothing to show as a test event. Try State "All" or remove the filters.',
				});
			}
			return [client.redactor.items(this.helpers.returnJsonArray([changeItem(latest, 'new', null)]))];
		}

		const observed: Array<Observed<IDataObject>> = [];
		for (const item of disturbances) {
			const key = disturbanceKey(item);
			if (key !== undefined) observed.push({ key, state: String(item.state ?? ''), item });
		}
		const staticData = this.getWorkflowStaticData('node');
		const scope = JSON.stringify({ basePath: basePath.path, state: state.state });
		const result = diff(readTracker(staticData.tracker, scope), observed, {
			scope,
			now: Date.now(),
			includeExisting: options.includeExisting === true,
		});
		staticData.tracker = result.next as unknown as IDataObject;

		const fired = result.changes
			.filter((change) => events.includes(change.event))
			.filter((change) => filterDisturbances([change.observed.item], filters).length === 1)
			.map((change) => changeItem(change.observed.item, change.event, change.previousState));
		return fired.length > 0 ? [client.redactor.items(this.helpers.returnJsonArray(fired))] : null;
	}
}
