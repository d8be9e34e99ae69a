/** The translation check: what it lets through into the widgets' strings, and what it stops. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';

const dir = mkdtempSync(join(tmpdir(), 'w4r-xliff-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the check on a copy of the translators' files, with `change` applied to one of them. */
function check(file: string, change: (xml: string) => string) {
  cpSync('xliff', dir, { recursive: true });
  const path = join(dir, file);
  const xml = readFileSync(path, 'utf8');
  const changed = change(xml);
  assert.notEqual(changed, xml, 'the change applies');
  writeFileSync(path, changed);
  return spawnSync(process.execPath, ['scripts/check-translations.mjs', dir], { encoding: 'utf8' });
}

const unit = (source: string, target: string) => `  <source>${source}</source>\n  <target>${target}</target>`;

describe('translation check', () => {
  it('fails on a target copied from its English source, naming the string', () => {
    const result = check('es.xlf', (xml) =>
      xml.replace(unit('Take action', 'Actúa'), unit('Take action', 'Take action')),
    );
    assert.equal(result.status, 1);
    assert.match(result.stderr, /es: "Take action" \(s35b28ac3443b5470\) is still the English text/);
  });

  it('fails on a copied plural form, placeholders and all', () => {
    const result = check('tr.xlf', (xml) =>
      xml.replace(
        /(<trans-unit id="wall\.total\.other">\s*<source>([^<]*<x [^>]*\/>[^<]*)<\/source>\s*<target>)[\s\S]*?(<\/target>)/,
        (_, before: string, source: string, end: string) => `${before}${source}${end}`,
      ),
    );
    assert.equal(result.status, 1);
    assert.match(
      result.stderr,
      /tr: "\$\{count\} messages" \(wall\.total\.other\) is still the English text/,
    );
  });

  it('lets through the words French writes as English does, and only in French', () => {
    assert.equal(check('fr.xlf', (xml) => xml + '\n').status, 0);
    const result = check('es.xlf', (xml) =>
      xml.replace(unit('Signatures', 'Firmas'), unit('Signatures', 'Signatures')),
    );
    assert.equal(result.status, 1);
    assert.match(result.stderr, /es: "Signatures"/);
  });
});
