import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, expectApiError, logIn, type Session, type TestApp } from '../../../test/support/test-app.ts';
import { isSpecialAddress, postToRobot, type WebhookPolicy } from './webhook-target.ts';

describe('which addresses a robot may never be', () => {
  it('refuses loopback, private, link-local and other special addresses, IPv4 inside IPv6 included', () => {
    for (const address of ['127.0.0.1', '127.8.8.8', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '224.0.0.1', '255.255.255.255', '::1', '::', 'fe80::1', 'fc00::1', 'fd12:3456::1', '::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:10.0.0.1', 'not-an-address']) {
      expect(isSpecialAddress(address), address).toBe(true);
    }
    for (const address of ['101.91.22.57', '8.8.8.8', '172.32.0.1', '2400:3200::1', '::ffff:101.91.22.57']) expect(isSpecialAddress(address), address).toBe(false);
  });
});

/** A listener on this machine that must receive nothing. */
async function trap() {
  const received: string[] = [];
  const server: Server = createServer((req, res) => {
    received.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"errcode":0}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return { port, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('sending to a robot', () => {
  let listener: Awaited<ReturnType<typeof trap>>;
  beforeAll(async () => {
    listener = await trap();
  });
  afterAll(() => listener.close());

  it('connects to the address it checked: a robot host that resolves to loopback is refused, not reached', async () => {
    let lookups = 0;
    const rebinding: WebhookPolicy = { lookup: async () => (lookups++, [{ address: '127.0.0.1', family: 4 }]) };
    const result = await postToRobot(`http://qyapi.weixin.qq.com:${listener.port}/cgi-bin/webhook/send?key=k`, { msgtype: 'text' }, rebinding);
    expect(result).toEqual({ ok: false, detail: 'refused: addressNotAllowed' });
    expect(lookups).toBe(1);
    // The same address, let through for this test alone: reached through the looked-up address, not a second lookup.
    const reached = await postToRobot(`http://qyapi.weixin.qq.com:${listener.port}/cgi-bin/webhook/send?key=k`, { msgtype: 'text' }, { ...rebinding, refused: () => false });
    expect(reached.ok).toBe(true);
    expect(lookups).toBe(2);
    expect(listener.received).toEqual(['/cgi-bin/webhook/send?key=k']);
  });

  it('refuses another host, an address written as the host, and credentials in the URL', async () => {
    const before = listener.received.length;
    expect(await postToRobot(`http://127.0.0.1:${listener.port}/x`, {})).toEqual({ ok: false, detail: 'refused: hostNotAllowed' });
    expect(await postToRobot(`http://127.0.0.1:${listener.port}/x`, {}, { extraHosts: ['127.0.0.1'] })).toEqual({ ok: false, detail: 'refused: addressNotAllowed' });
    expect(await postToRobot(`http://[::1]:${listener.port}/x`, {}, { extraHosts: ['[::1]'] })).toMatchObject({ ok: false });
    expect(await postToRobot('https://user:pw@qyapi.weixin.qq.com/x', {})).toEqual({ ok: false, detail: 'refused: hostNotAllowed' });
    expect(await postToRobot('https://evil.example/qyapi.weixin.qq.com', {})).toEqual({ ok: false, detail: 'refused: hostNotAllowed' });
    expect(listener.received.length).toBe(before);
  });
});

describe('saving a unit robot', () => {
  let t: TestApp;
  let staffA: Session;
  let countyA: number;
  let answer = '101.91.22.57';
  beforeAll(async () => {
    t = await createTestApp({ webhooks: { extraHosts: ['robot.bureau.example'], lookup: async () => [{ address: answer, family: 4 }] } });
    const w = await t.given.twoCounties();
    countyA = w.countyA.id;
    staffA = await logIn(t.app, 'staff_a');
  });
  afterAll(() => t.close());

  const save = (url: string) => call(t.app, staffA, 'PUT', `/api/units/${countyA}/webhook`, { kind: 'wecom', url });

  it('takes the WeCom and DingTalk hosts and the hosts the deployment adds, at public addresses', async () => {
    expect((await save('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=a')).statusCode).toBe(200);
    expect((await save('https://oapi.dingtalk.com/robot/send?access_token=a')).statusCode).toBe(200);
    expect((await save('https://robot.bureau.example/send')).statusCode).toBe(200);
  });

  it('refuses other hosts and a robot host that resolves to a private address, naming the field', async () => {
    const before = (await t.read.audit()).length;
    expectApiError(await save('https://evil.example/hook'), 400, 'webhook.hostNotAllowed', 'url');
    expectApiError(await save('http://127.0.0.1:8080/hook'), 400, 'webhook.hostNotAllowed', 'url');
    expectApiError(await save('http://169.254.169.254/latest/meta-data'), 400, 'webhook.hostNotAllowed', 'url');
    answer = '10.0.0.8';
    expectApiError(await save('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=b'), 400, 'webhook.addressNotAllowed', 'url');
    answer = '101.91.22.57';
    expect((await t.read.audit()).length).toBe(before);
  });
});
