import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import {
	type RequestContext,
	Simulator,
	type SimulatorOptions,
	bodyFormat,
	mintJwt,
	parseForm,
	readParams,
	sendJson,
} from './base';

export const SETU_PATHS = {
	token: '/auth/token',
	sdkToken: '/auth/sdk/token',
} as const;

export const SETU_TOKEN_LIFETIME_SECONDS = 900;

/** Only SETU0902 is documented; the other codes are placeholders. */
export const SETU_ERROR_CODES = {
	unauthorized: 'SETU0902',
	badRequest: 'SETU0400',
} as const;

export interface SetuSimulatorOptions extends SimulatorOptions {
	sdkTokenLifetimeSeconds?: number;
}

/** `status` is documented only as "..."; the HTTP status is an assumption. */
export function sendSetuError(
	res: ServerResponse,
	status: number,
	code: string,
	message: string,
): void {
	sendJson(res, status, {
		status,
		success: false,
		error: { code, message, traceId: randomUUID() },
	});
}

/** Setu FD partner token (camelCase, no expires_in) and the SDK token call that uses it. */
export class SetuSimulator extends Simulator {
	readonly sdkTokenLifetimeSeconds: number;

	constructor(options: SetuSimulatorOptions = {}) {
		super(options);
		this.sdkTokenLifetimeSeconds = options.sdkTokenLifetimeSeconds ?? 3600;
		this.addRoute('token', 'POST', SETU_PATHS.token, (ctx) => this.handleToken(ctx));
		this.addRoute('api', 'POST', SETU_PATHS.sdkToken, (ctx) => this.handleSdkToken(ctx));
	}

	private handleToken(ctx: RequestContext): void {
		if (bodyFormat(ctx.headers) !== 'form') {
			return sendSetuError(
				ctx.res,
				400,
				SETU_ERROR_CODES.badRequest,
				'Body must be application/x-www-form-urlencoded',
			);
		}
		const params = parseForm(ctx.body);
		if (params.grant_type !== 'client_credentials') {
			return sendSetuError(
				ctx.res,
				400,
				SETU_ERROR_CODES.badRequest,
				'grant_type must be client_credentials',
			);
		}
		const client = this.findClient(params.client_id, params.client_secret);
		if (!client)
			return sendSetuError(
				ctx.res,
				401,
				SETU_ERROR_CODES.unauthorized,
				'Invalid client credentials',
			);

		const access = this.issueToken({
			clientId: client.clientId,
			lifetimeSeconds: this.tokenLifetime(SETU_TOKEN_LIFETIME_SECONDS),
			extraClaims: { typ: 'access' },
		});
		// The refresh token is announced but not usable, so it is neither stored nor accepted anywhere.
		const nowSeconds = Math.floor(this.clock.now() / 1000);
		const refreshToken = mintJwt({
			sub: client.clientId,
			iat: nowSeconds,
			exp: nowSeconds + 7 * 86_400,
			jti: randomUUID(),
			typ: 'refresh',
		});
		sendJson(ctx.res, 200, { accessToken: access.token, refreshToken });
	}

	private handleSdkToken(ctx: RequestContext): void {
		const partner = this.validToken(ctx.req);
		if (!partner)
			return sendSetuError(ctx.res, 401, SETU_ERROR_CODES.unauthorized, 'Invalid or expired token');
		const params = readParams(ctx, ['json']);
		const missing = ['email', 'userId', 'userName'].filter((field) => !params?.[field]);
		if (!params || missing.length > 0) {
			return sendSetuError(
				ctx.res,
				400,
				SETU_ERROR_CODES.badRequest,
				`Missing fields: ${missing.join(', ')}`,
			);
		}
		const nowSeconds = Math.floor(this.clock.now() / 1000);
		const token = mintJwt({
			sub: params.userId,
			email: params.email,
			name: params.userName,
			partner: partner.clientId,
			iat: nowSeconds,
			exp: nowSeconds + this.sdkTokenLifetimeSeconds,
			jti: randomUUID(),
		});
		sendJson(ctx.res, 200, { success: true, data: { token } });
	}
}
