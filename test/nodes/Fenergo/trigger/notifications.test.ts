import { readNotifications } from '../../../../nodes/Fenergo/trigger/notifications';

describe('reading deliveries', () => {
	it('reads PascalCase and camelCase fields alike and keeps unknown fields', () => {
		const { notifications } = readNotifications({
			Id: 'n1',
			TenantId: 't',
			EventType: 'entitydata:created',
			RelativeUrl: 'entitydataquery/api/entity/1',
			Payload: { a: 1 },
			When: '2026-01-15T12:00:00Z',
			CorrelationId: 'c',
			CausationId: 'k',
			Extra: true,
		});
		expect(notifications).toEqual([
			{
				id: 'n1',
				tenantId: 't',
				eventType: 'entitydata:created',
				relativeUrl: 'entitydataquery/api/entity/1',
				payload: { a: 1 },
				when: '2026-01-15T12:00:00Z',
				correlationId: 'c',
				causationId: 'k',
				Extra: true,
			},
		]);
		expect(readNotifications({ ID: 'n2', eventtype: 'x' }).notifications).toEqual([
			{ id: 'n2', eventType: 'x' },
		]);
	});

	it.each([
		['an array', [{ id: 'a' }, { Id: 'b' }]],
		['notifications', { notifications: [{ id: 'a' }, { id: 'b' }] }],
		['Notifications', { Notifications: [{ id: 'a' }, { id: 'b' }] }],
		['items', { items: [{ id: 'a' }, { id: 'b' }] }],
	])('splits a batch given as %s', (_shape, body) => {
		expect(readNotifications(body).notifications.map((n) => n.id)).toEqual(['a', 'b']);
	});

	it('counts entries without an id instead of emitting them', () => {
		expect(readNotifications([{ id: 'a' }, { eventType: 'x' }, 'text'])).toEqual({
			notifications: [{ id: 'a' }],
			unreadable: 2,
		});
	});
});
