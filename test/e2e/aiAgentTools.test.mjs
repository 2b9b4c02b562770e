// The nodes as tools of n8n's AI Agent, in a real n8n: Manual Trigger → AI Agent, whose model is a
// fake OpenAI-compatible server on 127.0.0.1 and whose tools are Nextpertise zipcode and KPN SMS
// send (fields filled with $fromAI). The fake model calls zipcode, then SMS, then answers. The
// checks read what the model was sent (tool names, descriptions, parameter schemas, tool results)
// and what the sandbox APIs received.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, test } from 'node:test';

import { importCredentials } from '../../scripts/n8n/instance.mjs';
import { nodeOutput, prepareN8n } from './context.mjs';

const RECIPIENT = '+31612345678';

/** The fake model: records every request; tool call 1 = zipcode, 2 = SMS (built from the zipcode result), then a text answer. */
function startFakeOpenAi() {
	const requests = [];
	const server = createServer((req, res) => {
		let raw = '';
		req.on('data', (chunk) => (raw += chunk));
		req.on('end', () => {
			const body = raw ? JSON.parse(raw) : {};
			requests.push({ method: req.method, url: req.url, body });
			if (req.method !== 'POST' || !req.url.endsWith('/chat/completions')) {
				res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"message":"not faked"}}');
				return;
			}
			const toolResults = (body.messages ?? []).filter((message) => message.role === 'tool');
			const tools = (body.tools ?? []).map((tool) => tool.function.name);
			const zipcodeTool = tools.find((name) => name.startsWith('Check'));
			const smsTool = tools.find((name) => name.startsWith('Send'));
			let message;
			if (toolResults.length === 0) {
				message = toolCall('call_zip', zipcodeTool, { zipcode: '2408ZE', housenr: 10 });
			} else if (toolResults.length === 1) {
				const providers = [...String(toolResults[0].content).matchAll(/"provider":"([A-Z0-9]+)"/g)].map((match) => match[1]);
				const text = `Broadband at 2408ZE 10: ${[...new Set(providers)].slice(0, 4).join(', ')}`;
				message = toolCall('call_sms', smsTool, { recipients: RECIPIENT, message: text });
			} else {
				message = { role: 'assistant', content: 'Done: availability checked and texted.' };
			}
			const finish = message.tool_calls ? 'tool_calls' : 'stop';
			const reply = {
				id: `chatcmpl-${requests.length}`,
				object: 'chat.completion',
				created: Math.floor(Date.now() / 1000),
				model: body.model ?? 'gpt-4o-mini',
				choices: [{ index: 0, message, finish_reason: finish }],
				usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
			};
			if (body.stream) {
				res.writeHead(200, { 'content-type': 'text/event-stream' });
				const delta = message.tool_calls
					? { role: 'assistant', tool_calls: message.tool_calls.map((call, index) => ({ index, ...call })) }
					: { role: 'assistant', content: message.content };
				const chunk = (choice) => `data: ${JSON.stringify({ ...reply, object: 'chat.completion.chunk', choices: [choice] })}\n\n`;
				res.end(chunk({ index: 0, delta, finish_reason: null }) + chunk({ index: 0, delta: {}, finish_reason: finish }) + 'data: [DONE]\n\n');
				return;
			}
			res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(reply));
		});
	});
	return new Promise((resolve) =>
		server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${server.address().port}/v1`, requests, close: () => server.close() })),
	);
}

function toolCall(id, name, args) {
	return { role: 'assistant', content: null, tool_calls: [{ id, type: 'function', function: { name, arguments: JSON.stringify(args) } }] };
}

let n8n;
let model;
before(async () => {
	model = await startFakeOpenAi();
	n8n = await prepareN8n();
	const credential = { id: 'e2eFakeOpenAi01', name: 'Fake OpenAI (e2e)', type: 'openAiApi', data: { apiKey: 'sk-e2e-fake', url: model.url } };
	await importCredentials({ userFolder: n8n.userFolder, credentials: [credential], release: n8n.release });
});
after(async () => {
	await n8n?.close();
	model?.close();
});

test('AI Agent: the model sees the action texts and $fromAI schemas, calls zipcode (simplified) then SMS', async () => {
	n8n.sandbox.reset();
	const run = await n8n.execute('e2eAgentTools');
	assert.equal(run.code, 0, run.stdout + run.stderr);
	const [answer] = nodeOutput(run.json, 'AI Agent');
	assert.equal(answer?.json.output, 'Done: availability checked and texted.');

	// What the model was sent: three chat requests, each with both tools.
	const chats = model.requests.filter((request) => request.url.endsWith('/chat/completions'));
	assert.equal(chats.length, 3);
	const tools = Object.fromEntries(chats[0].body.tools.map((tool) => [tool.function.name, tool.function]));
	console.log('# tools the model received:', JSON.stringify(Object.values(tools).map(({ name, description, parameters }) => ({ name, description, keys: Object.keys(parameters.properties) }))));
	assert.deepEqual(Object.keys(tools).sort(), ['Check_Broadband_Availability', 'Send_SMS']);
	assert.equal(
		tools.Check_Broadband_Availability.description,
		'Check broadband availability and products at a postcode and house number in Nextpertise',
	);
	assert.equal(tools.Send_SMS.description, 'Send an SMS text message to one or more mobile numbers in KPN SMS');
	const zipSchema = tools.Check_Broadband_Availability.parameters;
	console.log('# zipcode tool schema:', JSON.stringify(zipSchema));
	assert.deepEqual(Object.keys(zipSchema.properties).sort(), ['housenr', 'zipcode']);
	assert.equal(zipSchema.properties.zipcode.type, 'string');
	assert.equal(zipSchema.properties.housenr.type, 'number');
	assert.equal(zipSchema.properties.zipcode.description, 'Dutch postcode, four digits and two letters', "the $fromAI description is passed");
	assert.deepEqual(Object.keys(tools.Send_SMS.parameters.properties).sort(), ['message', 'recipients']);

	// The zipcode result the model got back is the compact summary, not every product.
	const zipResult = String(chats[1].body.messages.find((message) => message.role === 'tool').content);
	console.log(`# zipcode tool result the model received: ${zipResult.length} characters`);
	assert.match(zipResult, /"providers"/);
	assert.match(zipResult, /KPNWBA/);
	assert.doesNotMatch(zipResult, /"EVC"/);
	assert.ok(zipResult.length < 4000, `simplified result is ${zipResult.length} characters`);

	// What the APIs received.
	const zipcodeCalls = n8n.calls('/broadband/v1').filter((entry) => entry.method === 'POST' && entry.body?.method === 'zipcode');
	assert.equal(zipcodeCalls.length, 1);
	assert.deepEqual(zipcodeCalls[0].body.params, { zipcode: '2408ZE', housenr: 10 });
	const sends = n8n.calls('/send').filter((entry) => entry.method === 'POST');
	assert.equal(sends.length, 1);
	const sent = JSON.stringify(sends[0].body);
	assert.match(sent, /31612345678/);
	assert.match(sent, /Broadband at 2408ZE 10: [A-Z]/);
});
