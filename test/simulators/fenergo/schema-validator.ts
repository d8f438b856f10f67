import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Fenergo's ValidationErrorModel (FluentValidation style), as a 400 answer lists them under `data`. */
export interface ValidationErrorModel {
	propertyName: string;
	errorMessage: string;
	attemptedValue: unknown;
	errorCode: string;
}

type Schema = {
	$ref?: string;
	allOf?: Schema[];
	type?: string;
	format?: string;
	nullable?: boolean;
	enum?: unknown[];
	required?: string[];
	properties?: Record<string, Schema>;
	additionalProperties?: boolean | Schema;
	items?: Schema;
	minimum?: number;
	maximum?: number;
	minLength?: number;
	discriminator?: { propertyName: string; mapping?: Record<string, string> };
};

interface SchemaFile {
	source: string;
	sha256: string;
	roots: string[];
	schemas: Record<string, Schema>;
}

/**
 * Where the spec says a generic schema "needs to be replaced with" a concrete one, chosen by a field
 * of the value (the command spec's PropertyDto declares no discriminator of its own).
 */
interface Polymorphism {
	property: string;
	mapping: Record<string, string>;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const isObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

const refName = (ref: string): string => ref.split('/').pop() ?? ref;

/** A subset of OpenAPI 3.0 schema validation: what Fenergo's request schemas use. */
export class SchemaSet {
	constructor(
		private readonly schemas: Record<string, Schema>,
		private readonly polymorphic: Record<string, Polymorphism> = {},
	) {}

	has(name: string): boolean {
		return name in this.schemas;
	}

	/** Errors of `value` against the named schema; empty when valid. */
	validate(value: unknown, schemaName: string): ValidationErrorModel[] {
		if (!this.has(schemaName)) throw new Error(`Unknown schema ${schemaName}`);
		const errors: ValidationErrorModel[] = [];
		this.check(value, { $ref: schemaName }, '', errors);
		return errors;
	}

	private check(
		value: unknown,
		schema: Schema,
		path: string,
		errors: ValidationErrorModel[],
	): void {
		if (schema.$ref) {
			const name = refName(schema.$ref);
			const poly = this.polymorphic[name];
			if (poly && isObject(value)) {
				const kind = value[poly.property];
				const target = typeof kind === 'string' ? poly.mapping[kind] : undefined;
				if (!target) {
					errors.push(
						error(
							`${path}.${poly.property}`.replace(/^\./, ''),
							`'${label(poly.property)}' must be one of: ${Object.keys(poly.mapping).join(', ')}.`,
							kind ?? null,
							'EnumValidator',
						),
					);
					return;
				}
				this.checkFlat(value, this.flatten(this.schemas[target]), path, errors, target);
				return;
			}
			this.checkFlat(value, this.flatten(this.schemas[name]), path, errors, name);
			return;
		}
		this.checkFlat(value, this.flatten(schema), path, errors);
	}

	/** One schema with `$ref` and `allOf` merged in (without polymorphic dispatch). */
	private flatten(schema: Schema): Schema {
		if (schema.$ref) return this.flatten(this.schemas[refName(schema.$ref)]);
		if (!schema.allOf) return schema;
		const merged: Schema = { ...schema, allOf: undefined };
		for (const part of schema.allOf.map((entry) => this.flatten(entry))) {
			merged.type ??= part.type;
			merged.format ??= part.format;
			merged.enum ??= part.enum;
			merged.minimum ??= part.minimum;
			merged.maximum ??= part.maximum;
			merged.minLength ??= part.minLength;
			merged.items ??= part.items;
			merged.discriminator ??= part.discriminator;
			if (part.properties) merged.properties = { ...merged.properties, ...part.properties };
			if (part.required) merged.required = [...(merged.required ?? []), ...part.required];
			if (part.additionalProperties === false) merged.additionalProperties = false;
			else if (part.additionalProperties && merged.additionalProperties === undefined) {
				merged.additionalProperties = part.additionalProperties;
			}
		}
		return merged;
	}

	private checkFlat(
		value: unknown,
		schema: Schema,
		path: string,
		errors: ValidationErrorModel[],
		name?: string,
	): void {
		const field = path.replace(/^\./, '') || 'data';
		if (value === null) {
			if (!schema.nullable)
				errors.push(
					error(field, `'${label(field)}' must not be empty.`, value, 'NotNullValidator'),
				);
			return;
		}
		if (value === undefined) return;
		if (schema.enum && !schema.enum.includes(value)) {
			errors.push(
				error(
					field,
					`'${label(field)}' has a range of values which does not include '${String(value)}'.`,
					value,
					'EnumValidator',
				),
			);
			return;
		}
		const type =
			schema.type ??
			(schema.properties || schema.additionalProperties !== undefined ? 'object' : undefined);
		switch (type) {
			case 'object':
				this.checkObject(value, schema, path, field, errors, name);
				return;
			case 'array':
				if (!Array.isArray(value)) {
					errors.push(
						error(field, `'${label(field)}' is not a valid list.`, value, 'TypeValidator'),
					);
					return;
				}
				if (schema.items)
					value.forEach((entry, index) =>
						this.check(entry, schema.items as Schema, `${path}[${index}]`, errors),
					);
				return;
			case 'string':
				if (typeof value !== 'string') {
					errors.push(
						error(field, `'${label(field)}' is not a valid text.`, value, 'TypeValidator'),
					);
					return;
				}
				if (schema.minLength !== undefined && value.length < schema.minLength) {
					errors.push(
						error(
							field,
							`The length of '${label(field)}' must be at least ${schema.minLength} characters. You entered ${value.length} characters.`,
							value,
							'MinimumLengthValidator',
						),
					);
				}
				if (schema.format === 'uuid' && !GUID.test(value)) {
					errors.push(
						error(field, `'${label(field)}' is not a valid GUID.`, value, 'GuidValidator'),
					);
				}
				if (schema.format === 'date-time' && Number.isNaN(Date.parse(value))) {
					errors.push(
						error(field, `'${label(field)}' is not a valid date.`, value, 'DateValidator'),
					);
				}
				return;
			case 'integer':
			case 'number':
				if (
					typeof value !== 'number' ||
					!Number.isFinite(value) ||
					(type === 'integer' && !Number.isInteger(value))
				) {
					errors.push(
						error(field, `'${label(field)}' is not a valid ${type}.`, value, 'TypeValidator'),
					);
					return;
				}
				if (
					(schema.minimum !== undefined && value < schema.minimum) ||
					(schema.maximum !== undefined && value > schema.maximum)
				) {
					errors.push(
						error(
							field,
							`'${label(field)}' must be between ${schema.minimum ?? '-∞'} and ${schema.maximum ?? '∞'}. You entered ${value}.`,
							value,
							'InclusiveBetweenValidator',
						),
					);
				}
				return;
			case 'boolean':
				if (typeof value !== 'boolean')
					errors.push(
						error(field, `'${label(field)}' is not a valid boolean.`, value, 'TypeValidator'),
					);
				return;
			default:
				return;
		}
	}

	private checkObject(
		value: unknown,
		schema: Schema,
		path: string,
		field: string,
		errors: ValidationErrorModel[],
		name?: string,
	): void {
		if (!isObject(value)) {
			errors.push(error(field, `'${label(field)}' is not a valid object.`, value, 'TypeValidator'));
			return;
		}
		for (const required of schema.required ?? []) {
			const entry = value[required];
			if (entry === undefined || entry === null || entry === '') {
				errors.push(
					error(
						`${path}.${required}`.replace(/^\./, ''),
						`'${label(required)}' must not be empty.`,
						entry ?? null,
						'NotEmptyValidator',
					),
				);
			}
		}
		const discriminator = schema.discriminator;
		if (discriminator?.mapping && typeof value[discriminator.propertyName] === 'string') {
			const chosen = discriminator.mapping[value[discriminator.propertyName] as string];
			if (
				!chosen ||
				!this.has(refName(chosen)) ||
				(name !== undefined && refName(chosen) !== name)
			) {
				errors.push(
					error(
						`${path}.${discriminator.propertyName}`.replace(/^\./, ''),
						`'${label(discriminator.propertyName)}' must be '${name ?? schemaNameFor(discriminator.mapping, (n) => this.has(n))}'.`,
						value[discriminator.propertyName],
						'EqualValidator',
					),
				);
			}
		}
		for (const [key, entry] of Object.entries(value)) {
			const childPath = `${path}.${key}`;
			const declared = schema.properties?.[key];
			if (declared) this.check(entry, declared, childPath, errors);
			else if (schema.additionalProperties === false) {
				errors.push(
					error(
						childPath.replace(/^\./, ''),
						`'${label(key)}' is not a known field.`,
						entry,
						'UnknownPropertyValidator',
					),
				);
			} else if (isObject(schema.additionalProperties)) {
				this.check(entry, schema.additionalProperties, childPath, errors);
			}
		}
	}
}

function schemaNameFor(mapping: Record<string, string>, known: (name: string) => boolean): string {
	return (
		Object.keys(mapping).find((key) => known(refName(mapping[key]))) ?? Object.keys(mapping)[0]
	);
}

function label(path: string): string {
	const last = path.split('.').pop() ?? path;
	const bare = last.replace(/\[\d+\]$/, '');
	return bare.charAt(0).toUpperCase() + bare.slice(1);
}

function error(
	propertyName: string,
	errorMessage: string,
	attemptedValue: unknown,
	errorCode: string,
): ValidationErrorModel {
	return { propertyName, errorMessage, attemptedValue, errorCode };
}

let loaded:
	| { query: SchemaSet; command: SchemaSet; files: Record<'query' | 'command', SchemaFile> }
	| undefined;

/** The request schemas copied from Fenergo's OpenAPI documents (see extract-request-schemas.mjs). */
export function fenergoSchemas(): {
	query: SchemaSet;
	command: SchemaSet;
	files: Record<'query' | 'command', SchemaFile>;
} {
	if (loaded) return loaded;
	const files = JSON.parse(readFileSync(join(__dirname, 'request-schemas.json'), 'utf8')) as Record<
		'query' | 'command',
		SchemaFile
	>;
	const propertyDto: Polymorphism = {
		property: 'type',
		mapping: {
			Single: 'SinglePropertyDto',
			Collection: 'CollectionPropertyDto',
			Custom: 'CustomPropertyDto',
		},
	};
	loaded = {
		files,
		query: new SchemaSet(files.query.schemas),
		command: new SchemaSet(files.command.schemas, { PropertyDto: propertyDto }),
	};
	return loaded;
}
