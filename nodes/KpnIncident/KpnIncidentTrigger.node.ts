import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
	NodeApiError,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { changeItem, diff, readTracker, type ChangeEvent, type Observed } from '../shared/polling/changeTracker';
import { apiError } from '../shared/errors/apiError';
import { KpnClient } from '../shared/kpn/transport';
import {
	checkBasePath,
	compareTicketsNewestFirst,
	getActiveIncidents,
	getIncident,
	INCIDENT_BASE_PATH,
	incidentBasePathOption,
} from './incidentApi';

/** Current details of an incident that left the active list; undefined when KPN answers 404. */
async function lookUpDeparted(
	context: IPollFunctions,
	client: KpnClient,
	basePath: string,
	ticketNumber: string,
): Promise<IDataObject | undefined> {
	try {
		return await getIncident(context, client, basePath, ticketNumber);
	} catch (error) {
		const failure = error as NodeApiError;
		if (String(failure.httpCode) === '404') return undefined;
		throw apiError(context.getNode(), {
			message: failure.message,
			description: `${failure.description ?? ''} Looking up ${ticketNumber}, which left the active list; turn off "Report Incidents Leaving the List" to skip this.`.trim(),
			httpCode: failure.httpCode ?? undefined,
		});
	}
}

interface TriggerOptions {
	basePath?: string;
	includeDetails?: boolean;
	includeExisting?: boolean;
	reportLeaving?: boolean;
}

export class KpnIncidentTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'KPN Incident Trigger',
		name: 'kpnIncidentTrigger',
		icon: { light: 'file:../../icons/kpn.svg', dark: 'file:../../icons/kpn.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{"on: " + $parameter["events"].join(", ")}}',
		description: 'Starts the workflow when one of your KPN incidents is new or changes state',
		defaults: { name: 'KPN Incident Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'kpnApi', required: true }],
		properties: [
			{
				displayName: 'Trigger On',
				name: 'events',
				type: 'multiOptions',
				required: true,
				default: ['new', 'stateChanged'],
				options: [
					{ name: 'New Incident', value: 'new', description: 'An active incident that was not in the list before' },
					{
						name: 'State Change',
						value: 'stateChanged',
						description: 'An incident changes state, e.g. New → In Progress → Resolved → Closed',
					},
				],
				description: 'Which changes start the workflow; each output item has "event" and "previous_state"',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					incidentBasePathOption,
					{
						displayName: 'Include Details',
						name: 'includeDetails',
						type: 'boolean',
						default: false,
						description:
							'Whether to get all details (priority, CI, solution …) of each incident that fires, with one extra request per incident',
					},
					{
						displayName: 'Include Existing',
						name: 'includeExisting',
						type: 'boolean',
						default: false,
						description:
							'Whether the first poll after activation also outputs the incidents that are already active; by default only later changes fire',
					},
					{
						displayName: 'Report Incidents Leaving the List',
						name: 'reportLeaving',
						type: 'boolean',
						default: true,
						description:
							'Whether to look up an incident that is no longer in your active list (for example because it was closed) and fire a State Change with its new state',
					},
				],
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const node = this.getNode();
		const options = this.getNodeParameter('options', {}) as TriggerOptions;
		const basePath = checkBasePath(options.basePath, INCIDENT_BASE_PATH);
		if (basePath.problem) throw new NodeOperationError(node, `API Base Path: ${basePath.problem}`);
		const events = this.getNodeParameter('events', ['new', 'stateChanged']) as ChangeEvent[];
		if (events.length === 0) throw new NodeOperationError(node, 'Trigger On is empty: choose New Incident, State Change or both');

		const client = await KpnClient.connect(this, 'kpnApi');
		const active = await getActiveIncidents(this, client, basePath.path);
		const details = async (summary: IDataObject): Promise<IDataObject> =>
			options.includeDetails && summary.ticket_number
				? { ...summary, ...(await getIncident(this, client, basePath.path, String(summary.ticket_number))) }
				: summary;

		if (this.getMode() === 'manual') {
			const latest = [...active].sort(compareTicketsNewestFirst)[0];
			if (!latest) {
				throw new NodeOperationError(node, 'You have no active KPN incidents, so there is no test event', {
					description: 'Create an incident (KPN Incident node, Create) or activate the workflow and wait for one.',
				});
			}
			return [client.redactor.items(this.helpers.returnJsonArray([changeItem(await details(latest), 'new', null)]))];
		}

		const observed: Array<Observed<IDataObject>> = [];
		for (const item of active) {
			const key = String(item.ticket_number ?? '').trim();
			if (key !== '') observed.push({ key, state: String(item.state ?? ''), item });
		}
		const staticData = this.getWorkflowStaticData('node');
		const scope = JSON.stringify({ basePath: basePath.path });
		const result = diff(readTracker(staticData.tracker, scope), observed, {
			scope,
			now: Date.now(),
			includeExisting: options.includeExisting === true,
		});

		const fired: IDataObject[] = [];
		for (const change of result.changes) {
			if (!events.includes(change.event)) continue;
			fired.push(changeItem(await details(change.observed.item), change.event, change.previousState));
		}
		if (events.includes('stateChanged') && options.reportLeaving !== false) {
			for (const departed of result.departed) {
				const now = await lookUpDeparted(this, client, basePath.path, departed.key);
				const newState = now === undefined ? '' : String(now.state ?? '');
				if (now !== undefined && newState === departed.state) continue;
				const item = now ?? { ticket_number: departed.key, state: null, note: 'KPN no longer returns this incident' };
				fired.push(changeItem(item, 'stateChanged', departed.state));
				const entry = result.next.seen[departed.key];
				if (entry) entry[0] = newState;
			}
		}
		// Saved only now: if a request above failed, the next poll sees the same changes again.
		staticData.tracker = result.next as unknown as IDataObject;
		return fired.length > 0 ? [client.redactor.items(this.helpers.returnJsonArray(fired))] : null;
	}
}
