/**
 * Auto-moderation over HTTP: a message with a link on a new top-level domain, a script address or a
 * blocked word spelt with look-alike letters waits for a moderator, says why, and never reaches the wall.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Api } from './support/http.js';
import { startServer, type TestServer } from './support/server.js';

// Auto mode, links held, the campaign's blocked word "blockedword".
const WALL = '/v1/cases/open-wall/messages';

let server: TestServer;
let api: Api;
before(async () => {
  server = await startServer();
  api = new Api(server.url);
});
after(() => server.cleanup());

const onTheWall = async () =>
  ((await api.get(`${WALL}?limit=100`)).json as { items: { id: string }[] }).items.map((item) => item.id);

describe('auto-moderation holds', () => {
  const held: [string, string, string][] = [
    ['a link on a new top-level domain', 'Sign at evil.club today', 'link'],
    ['a link on another new one', 'prizes at win.xyz', 'link'],
    ['a domain in Cyrillic look-alike letters', 'see evil.сом', 'link'],
    ['a javascript: address', 'javascript:alert(document.cookie)', 'link'],
    ['a javascript: address split by a tab', 'java\tscript:alert(1)', 'link'],
    ['a blocked word with a Greek look-alike', 'you blοckedword', 'blocked_word'],
    ['a blocked word with a Cyrillic look-alike', 'you blосkedword', 'blocked_word'],
    ['a blocked word in full-width letters with accents', 'you ｂｌöｃｋｅｄｗｏｒｄ', 'blocked_word'],
    ['a blocked word with digits for letters', 'you bl0ck3dw0rd', 'blocked_word'],
  ];
  for (const [what, text, reason] of held) {
    it(`${what}: ${JSON.stringify(text)}`, async () => {
      const posted = await api.post(WALL, { name: 'Visitor', text });
      assert.equal(posted.status, 201, posted.text);
      const { id, status } = posted.json as { id: string; status: string };
      assert.equal(status, 'pending');
      assert.equal((await onTheWall()).includes(id), false, 'not on the wall');
      const queue = await api.admin('/v1/admin/messages?status=pending&case=open-wall&limit=200');
      const waiting = (queue.json as { items: { id: string; heldFor?: string[] }[] }).items.find(
        (item) => item.id === id,
      );
      assert.ok(waiting?.heldFor?.includes(reason), JSON.stringify(waiting));
    });
  }

  it('and lets an ordinary message through', async () => {
    const posted = await api.post(WALL, { name: 'Visitor', text: 'Stay strong. We are with you.' });
    assert.equal((posted.json as { status: string }).status, 'approved');
    assert.ok((await onTheWall()).includes((posted.json as { id: string }).id));
  });
});
