import type { FenergoEntity, FenergoProperty } from '../fenergo';

const FIRST_NAMES = [
	'Luis',
	'Aoife',
	'Chen',
	'Maria',
	'Tom',
	'Sofia',
	'Liam',
	'Noor',
	'Kenji',
	'Ana',
];
const LAST_NAMES = [
	'Garcia',
	'Murphy',
	'Wang',
	'Rossi',
	'Smith',
	'Novak',
	'Byrne',
	'Haddad',
	'Sato',
	'Silva',
];
const COUNTRIES = [
	'Spain',
	'Ireland',
	'China',
	'Italy',
	'United Kingdom',
	'Czechia',
	'Japan',
	'Brazil',
];
const LIFECYCLE = [
	'Compliant',
	'OnboardingInProgress',
	'ReviewInProgress',
	'MaintenanceInProgress',
];

/** When the first generated entity was created; each next one a minute later (unique, sortable). */
export const GENERATED_CREATED_FROM = Date.UTC(2025, 0, 1, 0, 0, 0);

const single = (value: string): FenergoProperty => ({ type: 'Single', value });

/** A deterministic GUID for the n-th generated entity. */
export function generatedEntityId(index: number): string {
	return `00000000-0000-4000-8000-${String(index + 1).padStart(12, '0')}`;
}

/**
 * `count` entities shaped like the spec's EntityDto: every third a Company, the others Individuals
 * whose names repeat every 10 × 10 entities (so name searches and duplicate checks find several).
 */
export function generateFenergoEntities(count: number): FenergoEntity[] {
	return Array.from({ length: count }, (_, index): FenergoEntity => {
		const created = new Date(GENERATED_CREATED_FROM + index * 60_000).toISOString();
		const country = COUNTRIES[index % COUNTRIES.length];
		const common = {
			id: generatedEntityId(index),
			status: 0,
			lifecycleStatus: LIFECYCLE[index % LIFECYCLE.length],
			created,
			version: 1,
			propertiesVersion: 1,
			role: { name: index % 5 === 0 ? 'Related Party' : 'Client' },
		};
		if (index % 3 === 2) {
			return {
				...common,
				type: 'Company',
				properties: {
					legalEntityName: single(`Company ${String(index + 1).padStart(3, '0')} Ltd`),
					countryOfIncorporation: single(country),
				},
			};
		}
		return {
			...common,
			type: 'Individual',
			properties: {
				firstName: single(FIRST_NAMES[index % FIRST_NAMES.length]),
				lastName: single(LAST_NAMES[Math.floor(index / FIRST_NAMES.length) % LAST_NAMES.length]),
				countryOfResidence: single(country),
			},
		};
	});
}
