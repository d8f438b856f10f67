import tsParser from '@typescript-eslint/parser';
import communityNodes from '@n8n/eslint-plugin-community-nodes';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';

// The rules of n8n's verification scan (@n8n/scan-community-package, see scripts/scan.mjs) with its
// exceptions, except that two it turns off stay on (cred-class-field-type-options-password-missing,
// node-param-type-options-max-value-present). The scan ignores eslint-disable comments: fix, never disable.
const parsedByTypeScript = {
	languageOptions: { parser: tsParser, parserOptions: { sourceType: 'module' } },
};

export default [
	{
		ignores: [
			'dist/**',
			'node_modules/**',
			'test/**',
			'.n8n-cache/**',
			'scripts/**',
			'examples/**',
			'*.js',
			'*.mjs',
		],
	},
	// The scan parses package.json and the codex files with the TypeScript parser as well: the
	// package.json rules walk its AST.
	{
		files: ['**/*.ts', 'package.json', 'nodes/**/*.json'],
		...parsedByTypeScript,
		...communityNodes.configs.recommended,
	},
	{ files: ['**/*.ts'], rules: { 'no-console': 'error' } },
	{
		files: ['package.json'],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: n8nNodesBase.configs.community.rules,
	},
	{
		files: ['credentials/**/*.ts'],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			// Community credentials link to the provider's own documentation (a full URL).
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...n8nNodesBase.configs.nodes.rules,
			// These two want inputs: ['main']; n8n's community rules want NodeConnectionTypes.Main.
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
		},
	},
];
