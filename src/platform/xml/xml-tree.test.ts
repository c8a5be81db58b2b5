import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseXml } from './xml-tree.ts';

test('elements, attributes and text carry 1-based line:col positions', () => {
  const { root, doctype } = parseXml(
    `\uFEFF<?xml version='1.0'?>
<!DOCTYPE platform SYSTEM "https://simgrid.org/simgrid.dtd" [ <!ENTITY x "y"> ]>
<!-- comment with <tags> -->
<platform version="4.1">
  <zone
      id='z' routing="Full">
    <host id="a&amp;b&#65;&#x42;" speed="1Gf"/><![CDATA[<raw>]]>
  </zone>
</platform>`,
    'f.xml',
  );
  assert.equal(doctype?.location.line, 2);
  assert.match(doctype?.text ?? '', /^<!DOCTYPE platform SYSTEM .* \]>$/);
  assert.deepEqual(root.location, { file: 'f.xml', line: 4, col: 1 });
  const zone = root.children[0];
  assert.deepEqual(zone?.location, { file: 'f.xml', line: 5, col: 3 });
  assert.deepEqual(
    zone?.attributes.map((a) => [a.name, a.value, a.location.line, a.location.col]),
    [
      ['id', 'z', 6, 7],
      ['routing', 'Full', 6, 14],
    ],
  );
  assert.equal(zone?.children[0]?.attributes[0]?.value, 'a&bAB');
  assert.equal(zone?.text.trim(), '<raw>');
  assert.deepEqual(zone?.textLocation, { file: 'f.xml', line: 7, col: 57 });
});

test('malformed markup throws one located issue', () => {
  for (const [text, line, col] of [
    ['<a><b></a>', 1, 7],
    ['<a x="1" x="2"/>', 1, 10],
    ['<a x=1/>', 1, 6],
    ['<a>', 1, 1],
    ['<a/><b/>', 1, 5],
    ['<a>&nope;</a>', 1, 4],
    ['<!-- never closed', 1, 1],
  ] as const) {
    assert.throws(
      () => parseXml(text, 'x.xml'),
      (error: unknown) => {
        const issue = (error as { issues?: { code: string; location?: { line: number; col: number } }[] }).issues?.[0];
        assert.equal(issue?.code, 'malformed-xml', text);
        assert.deepEqual([issue?.location?.line, issue?.location?.col], [line, col], text);
        return true;
      },
    );
  }
});
