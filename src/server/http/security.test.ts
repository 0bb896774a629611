import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, expectApiError, logIn, type TestApp } from '../../../test/support/test-app.ts';

type Session = Awaited<ReturnType<typeof logIn>>;

describe('CSRF: state-changing requests must come from the app', () => {
  let t: TestApp;
  let session: Session;
  beforeAll(async () => {
    t = await createTestApp({ allowedOrigins: ['https://zs.proxy.example.gov.cn'] });
    const city = await t.given.unit();
    await t.given.user({ unit: city, role: 'staff', username: 'clerk' });
    session = await logIn(t.app, 'clerk');
  });
  afterAll(() => t.close());

  const setLocale = (headers: Record<string, string>, body = JSON.stringify({ locale: 'en' })) =>
    t.app.inject({
      method: 'PUT',
      url: '/api/auth/locale',
      headers: { cookie: session.cookie, host: 'zs.local:3000', 'content-type': 'application/json', ...headers },
      payload: body,
    });
  const locale = async () => (await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: session.cookie } })).json().locale;

  it('refuses another site named by Origin or Sec-Fetch-Site, and changes nothing', async () => {
    const audit = (await t.read.audit()).length;
    expectApiError(await setLocale({ origin: 'https://evil.example' }), 403, 'request.crossSite');
    expectApiError(await setLocale({ origin: 'null' }), 403, 'request.crossSite');
    expectApiError(await setLocale({ origin: 'http://zs.local:3001' }), 403, 'request.crossSite');
    expectApiError(await setLocale({ 'sec-fetch-site': 'cross-site' }), 403, 'request.crossSite');
    expectApiError(await setLocale({ 'sec-fetch-site': 'same-site' }), 403, 'request.crossSite');
    expect(await locale()).toBe('zh-CN');
    expect((await t.read.audit()).length).toBe(audit);
  });

  it('refuses a cross-site login too (login CSRF)', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { origin: 'https://evil.example', 'content-type': 'application/json' },
      payload: JSON.stringify({ username: 'clerk', password: 'Test-pass-2026' }),
    });
    expectApiError(response, 403, 'request.crossSite');
    expect(response.cookies).toEqual([]);
  });

  it('accepts the app itself, a configured reverse proxy, and clients that are not browsers', async () => {
    expect((await setLocale({ origin: 'http://zs.local:3000', 'sec-fetch-site': 'same-origin' })).statusCode).toBe(200);
    expect((await setLocale({ 'sec-fetch-site': 'same-origin' }, JSON.stringify({ locale: 'zh-CN' }))).statusCode).toBe(200);
    expect((await setLocale({ origin: 'https://zs.proxy.example.gov.cn' }, JSON.stringify({ locale: 'en' }))).statusCode).toBe(200);
    // curl, the CLI, scripts: no Origin, no Sec-Fetch-Site.
    expect((await setLocale({}, JSON.stringify({ locale: 'zh-CN' }))).statusCode).toBe(200);
    // Reading is never refused.
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: session.cookie, origin: 'https://evil.example' } })).statusCode).toBe(200);
  });

  it('refuses text/plain and form bodies on JSON routes, and multipart except on upload routes', async () => {
    const audit = (await t.read.audit()).length;
    // The attack that committed an import: a cross-site form posting text/plain with the cookie (no Origin check needed to refuse it).
    const commit = (type: string, payload: string) =>
      t.app.inject({ method: 'POST', url: '/api/imports/1/commit', headers: { cookie: session.cookie, 'content-type': type }, payload });
    expectApiError(await commit('text/plain', '{"x":1}'), 415, 'request.unsupportedType');
    expectApiError(await commit('application/x-www-form-urlencoded', 'x=1'), 415, 'request.unsupportedType');
    const boundary = 'zsboundary';
    const multipart = `--${boundary}\r\nContent-Disposition: form-data; name="x"\r\n\r\n1\r\n--${boundary}--\r\n`;
    expectApiError(await commit(`multipart/form-data; boundary=${boundary}`, multipart), 415, 'request.unsupportedType');
    expectApiError(await setLocale({ 'content-type': 'text/plain' }), 415, 'request.unsupportedType');
    expect((await t.read.audit()).length).toBe(audit);
    // An upload route takes multipart (here without a file, so it names the missing field).
    const upload = await t.app.inject({
      method: 'POST',
      url: '/api/imports',
      headers: { cookie: session.cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: multipart,
    });
    expectApiError(upload, 400, 'validation.required', 'file');
  });
});

describe('security headers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('sends a CSP without inline scripts, no framing, no sniffing, and no-store on API answers', async () => {
    for (const url of ['/api/health', '/api/auth/me', '/api/nothing-here']) {
      const response = await t.app.inject({ method: 'GET', url });
      const csp = String(response.headers['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toMatch(/script-src 'self'(;|$)/);
      expect(csp).toContain("object-src 'none'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(response.headers['x-frame-options']).toBe('DENY');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['referrer-policy']).toBe('same-origin');
      expect(response.headers['cache-control'], url).toBe('no-store');
    }
  });
});
