import type { ICredentialType } from 'n8n-workflow';
import { UnexpectedError } from 'n8n-workflow';

/** The subset of the CLI's CredentialTypes service the credentials helper uses. */
export class HarnessCredentialTypes {
	private readonly types: Map<string, ICredentialType>;

	constructor(credentialTypes: Record<string, ICredentialType>) {
		this.types = new Map();
		for (const [name, type] of Object.entries(credentialTypes)) {
			if (type.name !== name) {
				throw new UnexpectedError(
					`Credential type registered as "${name}" declares name "${type.name}"`,
				);
			}
			this.types.set(name, type);
		}
	}

	recognizes(name: string): boolean {
		return this.types.has(name);
	}

	getByName(name: string): ICredentialType {
		const type = this.types.get(name);
		if (!type) throw new UnexpectedError(`Unknown credential type "${name}"`);
		return type;
	}

	names(): string[] {
		return [...this.types.keys()];
	}

	/** Transitive `extends` chain, as the CLI computes it (e.g. ['oAuth2Api']). */
	getParentTypes(name: string): string[] {
		const parents = this.types.get(name)?.extends ?? [];
		return parents.flatMap((parent) => [parent, ...this.getParentTypes(parent)]);
	}
}
