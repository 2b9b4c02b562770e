// Every operation's `action` text, across all nodes of the package. n8n shows it in the node picker
// and, when a node runs as an AI Agent tool, gives the model "<action> in <node name>" as the tool's
// description: it must say what the call does, and no two operations may share one.
import type { INodePropertyOptions, INodeType } from 'n8n-workflow';

import { KpnDisturbance } from '../../nodes/KpnDisturbance/KpnDisturbance.node';
import { KpnIncident } from '../../nodes/KpnIncident/KpnIncident.node';
import { KpnMobileServices } from '../../nodes/KpnMobileServices/KpnMobileServices.node';
import { KpnSms } from '../../nodes/KpnSms/KpnSms.node';
import { Nextpertise } from '../../nodes/Nextpertise/Nextpertise.node';
import { METHODS } from '../../nodes/shared/nextpertise/catalogue';

interface Action {
	readonly where: string;
	readonly value: string;
	readonly name: string;
	readonly action: string;
}

const NODES: INodeType[] = [new KpnSms(), new KpnIncident(), new KpnDisturbance(), new KpnMobileServices(), new Nextpertise()];

const actions: Action[] = NODES.flatMap(({ description }) =>
	description.properties
		.filter((property) => property.name === 'operation')
		.flatMap((property) => {
			const resource = property.displayOptions?.show?.resource?.join(',') ?? '';
			return (property.options as INodePropertyOptions[]).map((option) => ({
				where: `${description.name}.${resource}.${String(option.value)}`,
				value: String(option.value),
				name: option.name,
				action: option.action ?? '',
			}));
		}),
);

/** n8n's lint rule for actions: sentence case, words in capitals (SMS, KPN, UUID) aside, so no punctuation. */
function isSentenceCase(text: string): boolean {
	const words = text.split(' ').filter((word) => word !== word.toUpperCase() || !/[A-Z]/.test(word));
	return words.every((word, index) => (index === 0 ? /^[A-Z][a-z0-9]*$/ : /^[a-z0-9]+$/).test(word));
}

describe('action texts of every operation', () => {
	test('every operation of every node has one (the 81 Nextpertise methods included)', () => {
		expect(actions.filter((entry) => entry.where.startsWith('nextpertise.'))).toHaveLength(METHODS.length);
		expect(actions.length).toBeGreaterThan(150);
		expect(actions.filter((entry) => entry.action === '')).toEqual([]);
	});

	test('no two operations share an action text, across all nodes', () => {
		const byText = new Map<string, string[]>();
		for (const entry of actions) byText.set(entry.action.toLowerCase(), [...(byText.get(entry.action.toLowerCase()) ?? []), entry.where]);
		expect([...byText.entries()].filter(([, where]) => where.length > 1)).toEqual([]);
	});

	test('none is a bare method or operation name: each says what it does to what', () => {
		const bare = actions.filter(({ action, value, name }) => {
			const text = action.toLowerCase();
			return (
				text === value.toLowerCase() ||
				text === name.toLowerCase() ||
				text === value.replace(/_/g, ' ').toLowerCase() ||
				/[_]/.test(action) ||
				action.split(' ').length < 4
			);
		});
		expect(bare).toEqual([]);
	});

	test("sentence case without punctuation (n8n's rule), short enough for the node picker", () => {
		expect(actions.filter(({ action }) => !isSentenceCase(action) || action.length > 90)).toEqual([]);
	});

	test('the zipcode checks name what they check', () => {
		const zipcode = actions.filter((entry) => entry.value === 'zipcode').map((entry) => entry.action);
		expect(zipcode).toEqual([
			'Check broadband availability and products at a postcode and house number',
			'Check basic broadband availability at a postcode and house number',
		]);
	});
});
