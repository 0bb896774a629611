import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';

/**
 * Where the unit robots may post (README › Security): the WeCom and DingTalk robot hosts, plus the hosts a
 * deployment adds (ZHAOSHANG_WEBHOOK_HOSTS); and never to a loopback, link-local, private or
 * otherwise special address — checked on the addresses the name resolves to, at save time and again at send time,
 * where the connection goes to the very address that was checked (no second lookup a rebinding DNS could answer).
 */
export const ROBOT_HOSTS = ['qyapi.weixin.qq.com', 'oapi.dingtalk.com'] as const;

export type WebhookPolicy = {
  /** Hosts allowed besides ROBOT_HOSTS (lower case). */
  extraHosts?: readonly string[];
  /** How names are resolved (dns.lookup by default); tests point a robot host at an address of their choosing. */
  lookup?: (hostname: string) => Promise<LookupAddress[]>;
  /** Addresses refused (the special ranges by default); only a test of the sending itself loosens it. */
  refused?: (address: string) => boolean;
};

const SPECIAL = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.88.99.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15],
  ['198.51.100.0', 24], ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) SPECIAL.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 128], ['::1', 128], ['64:ff9b::', 96], ['100::', 64], ['2001::', 32], ['2001:db8::', 32], ['2002::', 16],
  ['fc00::', 7], ['fe80::', 10], ['ff00::', 8],
] as const) SPECIAL.addSubnet(net, prefix, 'ipv6');

/** Loopback, private, link-local, carrier NAT, documentation, multicast, reserved — and IPv4 inside IPv6. */
export function isSpecialAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return SPECIAL.check(address, 'ipv4');
  if (family !== 6) return true;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address) ?? /^::(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (mapped) return SPECIAL.check(mapped[1]!, 'ipv4');
  if (/^::ffff:/i.test(address)) return true; // ::ffff:7f00:1 and the like
  return SPECIAL.check(address, 'ipv6');
}

const systemLookup = (hostname: string) =>
  new Promise<LookupAddress[]>((resolve, reject) => dnsLookup(hostname, { all: true }, (error, addresses) => (error ? reject(error) : resolve(addresses))));

export type WebhookUrlProblem = 'hostNotAllowed' | 'addressNotAllowed';

/** The host rule alone: a robot host or an added one, over http(s), without credentials in the URL. */
export function webhookHostProblem(url: string, policy: WebhookPolicy = {}): WebhookUrlProblem | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'hostNotAllowed';
  }
  const host = parsed.hostname.toLowerCase();
  const allowed = [...ROBOT_HOSTS, ...(policy.extraHosts ?? []).map((h) => h.trim().toLowerCase())];
  if (!['https:', 'http:'].includes(parsed.protocol) || parsed.username || parsed.password || !allowed.includes(host)) return 'hostNotAllowed';
  return null;
}

/**
 * The addresses a webhook URL may be sent to, or its problem. A name that does not resolve now (the server may be
 * offline while a robot is set up) is no problem at save time; at send time it fails the delivery.
 */
export async function resolveWebhookTarget(
  url: string,
  policy: WebhookPolicy = {},
): Promise<{ problem: WebhookUrlProblem } | { addresses: LookupAddress[] }> {
  const hostProblem = webhookHostProblem(url, policy);
  if (hostProblem) return { problem: hostProblem };
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  const refused = policy.refused ?? isSpecialAddress;
  const addresses = isIP(host) ? [{ address: host, family: isIP(host) }] : await (policy.lookup ?? systemLookup)(host);
  if (addresses.some((a) => refused(a.address))) return { problem: 'addressNotAllowed' };
  return { addresses };
}

export type SendResult = { ok: boolean; detail: string };

/**
 * POSTs JSON to a robot: resolves and checks the host, then connects to the checked address (the lookup hook hands
 * Node that address, so nothing is resolved twice), over TLS verified for the host's name where the URL is https; no redirects.
 */
export async function postToRobot(url: string, payload: unknown, policy: WebhookPolicy = {}): Promise<SendResult> {
  const target = await resolveWebhookTarget(url, policy);
  if ('problem' in target) return { ok: false, detail: `refused: ${target.problem}` };
  const [chosen] = target.addresses;
  if (!chosen) return { ok: false, detail: 'refused: no address' };
  const pinned: LookupFunction = (_hostname, options, callback) => {
    if ((options as { all?: boolean }).all) (callback as (e: null, a: LookupAddress[]) => void)(null, [chosen]);
    else callback(null, chosen.address, chosen.family);
  };
  const body = JSON.stringify(payload);
  return new Promise<SendResult>((resolve, reject) => {
    const request = (url.startsWith('https:') ? httpsRequest : httpRequest)(
      url,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        lookup: pinned,
        timeout: 10_000,
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          if (text.length < 4096) text += chunk;
        });
        response.on('end', () => {
          let errcode: unknown;
          try {
            errcode = (JSON.parse(text) as { errcode?: unknown }).errcode;
          } catch {
            errcode = undefined;
          }
          const status = response.statusCode ?? 0;
          resolve({ ok: status >= 200 && status < 300 && (errcode === undefined || errcode === 0), detail: `${status} ${text.slice(0, 200)}` });
        });
        response.on('error', reject);
      },
    );
    request.on('timeout', () => request.destroy(new Error('timed out')));
    request.on('error', reject);
    request.end(body);
  });
}
