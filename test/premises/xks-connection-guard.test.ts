import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { sourceKey } from '@suveren/premises/xks-proxy/connection-guard';
import { KillSwitchObserver, type KillSwitchEvent, seal, unseal } from '@suveren/premises/xks-proxy/kill-switch';

describe('the per-source connection limit', () => {
  test('counts IPv4 addresses one by one and IPv6 by /64, however the address is written', () => {
    expect(sourceKey('10.20.0.7')).toBe('10.20.0.7');
    expect(sourceKey('2001:db8::1')).toBe(sourceKey('2001:0db8:0:0:ffff::2'));
    expect(sourceKey('2001:db8:0:1::1')).not.toBe(sourceKey('2001:db8::1'));
  });
});

describe('the kill switch observer', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'suveren-kill-'));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  test('a broken unseal record neither crashes the proxy nor counts as a change; the flag alone decides', () => {
    const flag = path.join(tmp, 'SEALED');
    const events: KillSwitchEvent[] = [];
    const observer = new KillSwitchObserver(flag, (e) => events.push(e));
    expect(seal(flag, 'drill', 'operator')).toBe(true);
    observer.poll();
    fs.writeFileSync(`${flag}.unsealed.forged`, '{}');
    expect(() => observer.poll()).not.toThrow();
    expect(fs.existsSync(path.join(tmp, '.SEALED.unsealed.forged.unreadable'))).toBe(true);
    expect(observer.state().sealed).toBe(true);
    // touch on the flag is not a new seal.
    fs.utimesSync(flag, new Date(), new Date(Date.now() + 5_000));
    observer.poll();
    expect(unseal(flag, 'operator', 'done')).toBe(true);
    observer.poll();
    expect(events.map((e) => e.event)).toEqual(['sealed', 'unsealed']);
  });
});
