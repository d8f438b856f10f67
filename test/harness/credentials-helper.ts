/**
 * In-memory mirror of the n8n 2.x CLI CredentialsHelper (packages/cli/src/credentials-helper.ts):
 * credentials live encrypted (n8n-core `Credentials`, the instance key) in a store standing in
 * for the credentials table, every read decrypts a fresh copy, and `preAuthentication`
 * follows the CLI's rules exactly, including what it persists.
 */
import { Credentials } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialsExpressionResolveValues,
	IExecuteData,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeProperties,
	IRequestOptionsSimplified,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import {
	ICredentialsHelper,
	isExpression,
	NodeHelpers,
	UnexpectedError,
	UserError,
} from 'n8n-workflow';
import type { Workflow } from 'n8n-workflow';

import type { HarnessCredentialTypes } from './credential-types';
import { applyDefaults, resolveValue, restrictToCredentialDomains } from './credential-resolution';

export interface CredentialRecord {
	id: string;
	name: string;
	type: string;
	data: ICredentialDataDecryptedObject;
}

/** A row of the stand-in credentials table: `data` is n8n ciphertext. */
interface CredentialRow {
	id: string;
	name: string;
	type: string;
	data: string;
}

export class HarnessCredentialsHelper extends ICredentialsHelper {
	private rows = new Map<string, CredentialRow>();

	private readonly preAuthenticationCalls = new Map<string, number>();

	private readonly persistedWrites = new Map<string, number>();

	constructor(private readonly credentialTypes: HarnessCredentialTypes) {
		super();
	}

	// ---- test API ----------------------------------------------------------------------

	/** Inserts or replaces a credential (encrypted, as n8n stores it). */
	async add(record: CredentialRecord): Promise<void> {
		this.credentialTypes.getByName(record.type);
		const credentials = new Credentials({ id: record.id, name: record.name }, record.type);
		await credentials.setData(record.data);
		this.rows.set(record.id, { ...record, data: credentials.getDataToSave().data as string });
	}

	/**
	 * Reads and writes the rows of `other` from now on: two harnesses (two n8n processes with
	 * their own memory) on one credentials table, as queue-mode workers share Postgres.
	 */
	shareRowsWith(other: HarnessCredentialsHelper): void {
		this.rows = other.rows;
	}

	private saved = new Map<string, CredentialRow>();

	/** Remembers the rows as they are now, as the credentials a test starts from. */
	keepAsSaved(): void {
		this.saved = new Map(this.rows);
	}

	/** Puts back the rows `keepAsSaved` remembered: tokens n8n persisted since then are forgotten. */
	restoreSaved(): void {
		this.rows.clear();
		for (const [id, row] of this.saved) this.rows.set(id, row);
	}

	/** The stored (raw, decrypted) data: what the next execution will start from. */
	async get(id: string): Promise<ICredentialDataDecryptedObject> {
		const row = this.rows.get(id);
		if (!row) throw new UnexpectedError(`No credential with id "${id}"`);
		return await new Credentials({ id: row.id, name: row.name }, row.type, row.data).getData();
	}

	/** The stored ciphertext, to prove nothing is kept in clear. */
	ciphertext(id: string): string | undefined {
		return this.rows.get(id)?.data;
	}

	remove(id: string): void {
		this.rows.delete(id);
	}

	clear(): void {
		this.rows.clear();
		this.resetCounters();
	}

	/** How many times a credential type's own `preAuthentication` ran (all types if omitted). */
	preAuthenticationCount(type?: string): number {
		if (type !== undefined) return this.preAuthenticationCalls.get(type) ?? 0;
		return [...this.preAuthenticationCalls.values()].reduce((a, b) => a + b, 0);
	}

	/** How many times credential data was written back to the store (all ids if omitted). */
	persistCount(id?: string): number {
		if (id !== undefined) return this.persistedWrites.get(id) ?? 0;
		return [...this.persistedWrites.values()].reduce((a, b) => a + b, 0);
	}

	resetCounters(): void {
		this.preAuthenticationCalls.clear();
		this.persistedWrites.clear();
	}

	// ---- ICredentialsHelper --------------------------------------------------------------

	getParentTypes(name: string): string[] {
		return this.credentialTypes.getParentTypes(name);
	}

	isCredentialUsableByNode(credentialType: string, nodeType: string): boolean {
		if (!this.credentialTypes.recognizes(credentialType)) return true;
		const typeDef = this.credentialTypes.getByName(credentialType);
		if (!typeDef.restrictToSupportedNodes) return true;
		return (typeDef.supportedNodes ?? []).includes(nodeType);
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		incomingRequestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const requestOptions = incomingRequestOptions as IHttpRequestOptions;
		const { authenticate } = this.credentialTypes.getByName(typeName);
		if (typeof authenticate === 'function') {
			return await authenticate(credentials, requestOptions);
		}
		if (typeof authenticate === 'object') {
			if (!workflow || !node) {
				throw new UnexpectedError(
					'Workflow and node are required for declarative credential authentication',
				);
			}
			requestOptions.headers ??= {};
			if (authenticate.type === 'generic') {
				const target = requestOptions as unknown as Record<string, Record<string, unknown>>;
				for (const [outerKey, outerValue] of Object.entries(authenticate.properties)) {
					for (const [key, value] of Object.entries(outerValue as Record<string, string>)) {
						const keys = { $credentials: credentials };
						const keyResolved = resolveValue(key, keys, workflow, node);
						target[outerKey] ??= {};
						target[outerKey][keyResolved] = resolveValue(value, keys, workflow, node);
					}
				}
			}
		}
		return requestOptions;
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const credentialType = this.credentialTypes.getByName(typeName);
		const expirableProperty = credentialType.properties.find(
			(property) => property.type === 'hidden' && property?.typeOptions?.expirable === true,
		);
		if (expirableProperty?.name === undefined) return undefined;

		// The credential-test mock node: a credential test, not a node execution.
		const isTestingCredentials =
			node?.parameters?.temp === '' && node?.type === 'n8n-nodes-base.noOp';

		if (typeof credentialType.preAuthentication !== 'function') return undefined;
		if (
			credentials[expirableProperty.name] !== '' &&
			!credentialsExpired &&
			!isTestingCredentials
		) {
			return undefined;
		}

		this.preAuthenticationCalls.set(typeName, this.preAuthenticationCount(typeName) + 1);
		const output = await credentialType.preAuthentication.call(
			restrictToCredentialDomains(helpers, credentials),
			credentials,
		);
		// Without the expirable property in the output nothing is persisted.
		if (output[expirableProperty.name] === undefined) return undefined;
		if (!node.credentials) return undefined;

		// Persist onto the raw stored data, never replacing a stored expression with the value
		// it resolved to this run (except the expirable field itself).
		const nodeCredentials = node.credentials[credentialType.name];
		const storedData = await (
			await this.getCredentials(nodeCredentials, credentialType.name)
		).getData();
		const dataToPersist: ICredentialDataDecryptedObject = { ...storedData };
		for (const [key, value] of Object.entries(output as ICredentialDataDecryptedObject)) {
			if (key === expirableProperty.name || !isExpression(storedData[key])) {
				dataToPersist[key] = value;
			}
		}
		await this.updateCredentials(nodeCredentials, credentialType.name, dataToPersist);
		return Object.assign(credentials, output);
	}

	async runPreAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const credentialType = this.credentialTypes.getByName(typeName);
		if (typeof credentialType.preAuthentication !== 'function') return undefined;
		this.preAuthenticationCalls.set(typeName, this.preAuthenticationCount(typeName) + 1);
		const output = await credentialType.preAuthentication.call(
			restrictToCredentialDomains(helpers, credentials),
			credentials,
		);
		return (output as ICredentialDataDecryptedObject) ?? undefined;
	}

	async getCredentials(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<Credentials> {
		const row = this.getRow(nodeCredentials, type);
		return new Credentials({ id: row.id, name: row.name }, row.type, row.data);
	}

	async getDecrypted(
		additionalData: IWorkflowExecuteAdditionalData,
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		mode: WorkflowExecuteMode,
		executeData?: IExecuteData,
		raw?: boolean,
		expressionResolveValues?: ICredentialsExpressionResolveValues,
	): Promise<ICredentialDataDecryptedObject> {
		const decryptedDataOriginal = await (
			await this.getCredentials(nodeCredentials, type)
		).getData();
		if (raw === true) return decryptedDataOriginal;
		return await applyDefaults(
			this.getCredentialsProperties(type),
			decryptedDataOriginal,
			additionalData,
			mode,
			executeData,
			expressionResolveValues,
		);
	}

	async updateCredentials(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		const credentials = await this.getCredentials(nodeCredentials, type);
		await credentials.setData(data);
		const row = this.getRow(nodeCredentials, type);
		this.rows.set(row.id, { ...row, data: credentials.getDataToSave().data as string });
		this.persistedWrites.set(row.id, this.persistCount(row.id) + 1);
	}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(type: string): INodeProperties[] {
		const typeDef = this.credentialTypes.getByName(type);
		if (typeDef.extends === undefined) return typeDef.properties;
		// As the CLI: parents' properties first, the type's own take precedence.
		const combined: INodeProperties[] = [];
		for (const parent of typeDef.extends) {
			if (this.credentialTypes.recognizes(parent)) {
				NodeHelpers.mergeNodeProperties(combined, this.getCredentialsProperties(parent));
			}
		}
		NodeHelpers.mergeNodeProperties(combined, typeDef.properties);
		return combined;
	}

	// ---- internals -------------------------------------------------------------------------

	/** The CLI's `getCredentialsEntity`: by id AND type. */
	private getRow(
		nodeCredentials: INodeCredentialsDetails | undefined,
		type: string,
	): CredentialRow {
		if (!nodeCredentials?.id) {
			throw new UserError(
				`Credential "${nodeCredentials?.name ?? ''}" of type "${type}" has no id (missing credential id)`,
			);
		}
		const row = this.rows.get(nodeCredentials.id);
		if (!row || row.type !== type) {
			throw new UserError(
				`Credential with ID "${nodeCredentials.id}" does not exist for type "${type}".`,
			);
		}
		return row;
	}
}
