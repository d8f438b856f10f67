import { InputError } from '../../../../nodes/shared/items/input-error';
import {
	checkedJsonProperties,
	mergeProperties,
	pairsOf,
	plainValues,
	searchFilters,
	singleProperties,
} from '../../../../nodes/Fenergo/helpers/properties';

describe("property mapping to Fenergo's shape", () => {
	it('turns name/value pairs into Single properties, text as text', () => {
		expect(
			singleProperties([
				{ name: 'firstName', value: 'Luis' },
				{ name: ' dateOfBirth ', value: '1990-02-01' },
				{ name: 'numberOfDependents', value: 3 },
				{ name: 'isPep', value: false },
				{ name: 'middleName', value: null },
			]),
		).toEqual({
			firstName: { type: 'Single', value: 'Luis' },
			dateOfBirth: { type: 'Single', value: '1990-02-01' },
			numberOfDependents: { type: 'Single', value: '3' },
			isPep: { type: 'Single', value: 'false' },
			middleName: { type: 'Single', value: null },
		});
	});

	it('refuses unnamed, repeated or non-text entries, naming the field', () => {
		expect(() => singleProperties([{ name: '', value: 'x' }])).toThrow(
			new InputError('Properties: entry 1 has no name'),
		);
		expect(() =>
			singleProperties([
				{ name: 'a', value: '1' },
				{ name: 'a', value: '2' },
			]),
		).toThrow('Properties: "a" is given twice');
		expect(() => singleProperties([{ name: 'address', value: { city: 'Cork' } }])).toThrow(
			'Properties: the value of "address" is not text',
		);
	});

	it('lets JSON properties win over pairs of the same name', () => {
		const collection = { type: 'Collection', dataGroupId: 'g', collections: {} };
		expect(
			mergeProperties(
				[
					{ name: 'firstName', value: 'A' },
					{ name: 'lastName', value: 'B' },
				],
				{
					lastName: { type: 'Single', value: 'C' },
					addresses: collection,
				},
			),
		).toEqual({
			firstName: { type: 'Single', value: 'A' },
			lastName: { type: 'Single', value: 'C' },
			addresses: collection,
		});
	});

	it('refuses JSON entries without a Fenergo property type', () => {
		expect(() => checkedJsonProperties({ firstName: 'Tom' }, 'Properties (JSON)')).toThrow(
			'Properties (JSON): "firstName" is not a Fenergo property',
		);
		expect(() => checkedJsonProperties({ firstName: { type: 'Text' } }, 'X')).toThrow(
			'X: "firstName" is not a Fenergo property',
		);
	});

	it('maps search filters with an optional boost, and duplicate-check values as plain text', () => {
		expect(
			searchFilters(
				[
					{ name: 'firstName', value: 'Tom', boost: 20 },
					{ name: 'lastName', value: 'Smith', boost: 0 },
				],
				undefined,
			),
		).toEqual({
			firstName: { value: 'Tom', boost: 20 },
			lastName: { value: 'Smith' },
		});
		expect(() => searchFilters([{ name: 'x', value: 'y', boost: 'lots' }], undefined)).toThrow(
			'the boost of "x" is not a number',
		);
		expect(
			plainValues([
				{ name: 'lastName', value: 'Garcia' },
				{ name: 'taxId', value: 123 },
			]),
		).toEqual({ lastName: 'Garcia', taxId: '123' });
	});

	it('reads the pairs of a fixedCollection value', () => {
		expect(pairsOf({ property: [{ name: 'a', value: 'b' }] }, 'property')).toEqual([
			{ name: 'a', value: 'b' },
		]);
		expect(pairsOf({}, 'property')).toEqual([]);
		expect(pairsOf(undefined, 'property')).toEqual([]);
	});
});
