import tsParser from '@typescript-eslint/parser';
import communityNodes from '@n8n/eslint-plugin-community-nodes';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';

const tsFiles = { languageOptions: { parser: tsParser, parserOptions: { sourceType: 'module' } } };

export default [
	{ ignores: ['dist/**', 'node_modules/**', 'test/**', '.n8n-cache/**', 'scripts/**', 'examples/**', '*.js', '*.mjs'] },
	{ files: ['**/*.ts'], ...tsFiles, ...communityNodes.configs.recommended },
	{
		files: ['package.json'],
		languageOptions: { parser: (await import('jsonc-eslint-parser')).default },
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: n8nNodesBase.configs.community.rules,
	},
	{
		files: ['credentials/**/*.ts'],
		...tsFiles,
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			// Community credentials link to the provider's own documentation (a full URL).
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		...tsFiles,
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...n8nNodesBase.configs.nodes.rules,
			// Our nodes live in nested folders (nodes/<Provider>/actions/...), as n8n's own v2 nodes do.
			'n8n-nodes-base/node-dirname-against-convention': 'off',
			// These two want inputs: ['main']; n8n's community rules want NodeConnectionTypes.Main.
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
		},
	},
];
