import type { IExecuteFunctions, INode } from 'n8n-workflow';

export const NODE: INode = {
	id: 'runner-test',
	name: 'Runner Test',
	type: 'n8n-nodes-client-credentials.test',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

/** Just enough of IExecuteFunctions for the item runner: input count, Continue On Fail, parameters. */
export function fakeExecute(
	count: number,
	options: { continueOnFail?: boolean; parameters?: Record<string, unknown> } = {},
): IExecuteFunctions {
	const parameters = options.parameters ?? {};
	return {
		getInputData: () => Array.from({ length: count }, (_item, index) => ({ json: { index } })),
		getNode: () => NODE,
		continueOnFail: () => options.continueOnFail === true,
		getNodeParameter: (name: string, _itemIndex: number, fallback?: unknown) =>
			name in parameters ? parameters[name] : fallback,
	} as unknown as IExecuteFunctions;
}
