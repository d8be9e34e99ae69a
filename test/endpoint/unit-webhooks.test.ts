/** The pieces of webhook delivery that need no server: addresses, the signature, the retry schedule. */
import assert from 'node:assert/strict';
import { hostname } from 'node:os';
import { describe, it } from 'node:test';
import { addressKind, guardedLookup, webhookUrlProblem } from '../../src/endpoint/webhooks/address.js';
import { retryAfterMs, settleAttempt } from '../../src/endpoint/webhooks/schedule.js';
import { signatureHeader, verifySignature } from '../../src/endpoint/webhooks/signature.js';
import type { ClaimedDelivery } from '../../src/endpoint/storage/index.js';

describe('webhook addresses', () => {
  it('tells public addresses from loopback and private ones, IPv4, IPv6 and mapped', () => {
    for (const ip of ['93.184.216.34', '8.8.8.8', '2606:4700::1111', '::ffff:8.8.8.8'])
      assert.equal(addressKind(ip), 'public', ip);
    for (const ip of ['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1'])
      assert.equal(addressKind(ip), 'loopback', ip);
    for (const ip of [
      '10.0.0.1',
      '172.16.5.4',
      '172.31.255.255',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '224.0.0.1',
      '255.255.255.255',
      'fc00::1',
      'fd12:3456::1',
      'fe80::1',
      '::',
      '::ffff:10.0.0.1',
      '64:ff9b::a00:1',
    ])
      assert.equal(addressKind(ip), 'private', ip);
    assert.equal(addressKind('172.32.0.1'), 'public');
  });

  it('takes https, and plain http only for this machine', () => {
    assert.equal(webhookUrlProblem('https://crm.example.org/hook'), undefined);
    assert.equal(webhookUrlProblem('http://127.0.0.1:9000/hook'), undefined);
    assert.equal(webhookUrlProblem('http://localhost:9000/hook'), undefined);
    assert.match(String(webhookUrlProblem('http://crm.example.org/hook')), /https/);
    assert.match(String(webhookUrlProblem('ftp://crm.example.org/')), /https/);
    assert.match(String(webhookUrlProblem('https://user:pw@crm.example.org/')), /password/);
    assert.match(String(webhookUrlProblem('https://192.168.0.10/')), /private/);
    assert.match(String(webhookUrlProblem('not a url')), /https/);
  });

  it('refuses at connection a name that resolves to an address its URL may not reach', async () => {
    const lookupFor = (url: string, host: string) =>
      new Promise<{ error: NodeJS.ErrnoException | null; address: unknown }>((done) =>
        guardedLookup(new URL(url))(host, { all: true }, (error, address) => done({ error, address })),
      );
    // localhost named as such may be reached; this machine under another name may not.
    const local = await lookupFor('http://localhost:1/', 'localhost');
    assert.equal(local.error, null);
    const name = hostname();
    const other = await lookupFor(`https://${name}/`, name);
    if (other.error?.code !== 'ENOTFOUND') {
      assert.equal(other.error?.code, 'W4R_ADDRESS_REFUSED', `${name} resolves to a loopback address here`);
      assert.match(other.error.message, /loopback address/);
    }
  });
});

describe('webhook signatures', () => {
  it('verifies its own header, and refuses another secret, another body and an old time', () => {
    const body = '{"id":"e1"}';
    const now = Date.parse('2030-01-01T00:00:00Z');
    const header = signatureHeader('secret-secret-secret-secret', body, now / 1000);
    assert.ok(verifySignature('secret-secret-secret-secret', header, body, { now }));
    assert.ok(!verifySignature('another-secret-secret-secret', header, body, { now }));
    assert.ok(!verifySignature('secret-secret-secret-secret', header, '{"id":"e2"}', { now }));
    assert.ok(!verifySignature('secret-secret-secret-secret', header, body, { now: now + 301_000 }));
    assert.ok(!verifySignature('secret-secret-secret-secret', 't=1,v1=zz', body, { now }));
    assert.ok(!verifySignature('secret-secret-secret-secret', undefined, body, { now }));
  });
});

describe('retry schedule', () => {
  const delivery = (attempts: number, retryFrom = '2030-01-01T00:00:00Z'): ClaimedDelivery => ({
    id: 1,
    eventId: 'e',
    target: 't',
    type: 'signature.created',
    caseId: null,
    state: 'pending',
    attempts,
    createdAt: retryFrom,
    nextAttemptAt: null,
    lastAttemptAt: null,
    lastStatus: null,
    lastError: null,
    deliveredAt: null,
    body: '{}',
    retryFrom,
  });
  const now = new Date('2030-01-01T01:00:00Z');
  const wait = (attempts: number, random: number, retryAfter?: number) => {
    const result = settleAttempt(
      delivery(attempts),
      {
        ok: false,
        retryable: true,
        status: 503,
        error: 'answered 503',
        ...(retryAfter ? { retryAfterMs: retryAfter } : {}),
      },
      now,
      { scale: 1 },
      () => random,
    );
    assert.equal(result.outcome, 'retry');
    return result.outcome === 'retry' ? result.nextAttemptAt.getTime() - now.getTime() : 0;
  };

  it('waits exponentially longer, with jitter, up to six hours, and never less than Retry-After', () => {
    assert.equal(wait(1, 1), 30_000);
    assert.equal(wait(1, 0), 15_000);
    assert.equal(wait(2, 1), 60_000);
    assert.equal(wait(5, 1), 480_000);
    assert.equal(wait(30, 1), 6 * 3600_000);
    assert.equal(wait(1, 1, 120_000), 120_000);
    assert.equal(retryAfterMs('120', now), 120_000);
    assert.equal(retryAfterMs(new Date(now.getTime() + 60_000).toUTCString(), now), 60_000);
    assert.equal(retryAfterMs('soon', now), undefined);
  });

  it('gives up after 72 hours, and at once on an answer no retry changes', () => {
    const late = settleAttempt(
      delivery(12, '2029-12-29T02:00:00Z'),
      { ok: false, retryable: true, status: null, error: 'no answer within 10000 ms' },
      now,
      { scale: 1 },
    );
    assert.equal(late.outcome, 'dead');
    assert.match(late.outcome === 'dead' ? late.error : '', /given up after 12 attempts over 72 hours/);
    const refused = settleAttempt(
      delivery(1),
      { ok: false, retryable: false, status: 404, error: 'answered 404' },
      now,
      {
        scale: 1,
      },
    );
    assert.deepEqual(refused, { outcome: 'dead', status: 404, error: 'answered 404' });
    assert.deepEqual(settleAttempt(delivery(1), { ok: true, status: 204 }, now, { scale: 1 }), {
      outcome: 'delivered',
      status: 204,
    });
  });
});
