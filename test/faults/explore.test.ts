import { setClock } from '../../nodes/shared/token/clock';
import type { Harness } from '../harness/n8n';
import { createFaultHarness, setupByTitle, startRig, type Rig, type NodePath } from './support/rig';
let harness: Harness; let rig: Rig | undefined;
beforeAll(async () => { harness = await createFaultHarness(); });
afterAll(async () => await harness.close());
afterEach(async () => { await rig?.close(); rig = undefined; setClock(); });
for (const path of ['transport', 'httpRequestNode'] as NodePath[]) {
	for (const cred of <Array<Record<string, string>>>[{ headerName: 'X Api Token' }, { headerName: 'x-api-token\n' }, { headerPrefix: 'To ken' }, { tokenField: '' }, { scope: 'a\nb' }]) {
		test(`${JSON.stringify(cred)} ${path}`, async () => {
			rig = await startRig(harness, setupByTitle('Generic'), { credential: cred });
			const r = await rig.run(path);
			console.log(JSON.stringify(cred), path, JSON.stringify({ s: r.status, e: r.error, t: rig.sim.stats.tokenRequests, a: rig.sim.stats.apiRequests }));
		});
	}
}
