import { collectUtf8, Utf8Writer } from '../../lib/manifest/utf8-writer';

describe('Utf8Writer', () => {
  test('hands over full chunks and never splits a character between them', () => {
    // GIVEN a 4-byte chunk size and text with 2-, 3- and 4-byte characters
    const chunks: Buffer[] = [];
    const out = new Utf8Writer((chunk) => chunks.push(Buffer.from(chunk)), 4);
    const text = 'aé€😀b€€';

    // WHEN it is appended in pieces and flushed
    out.append(text.slice(0, 3)).append(text.slice(3));
    out.flush();

    // THEN the chunks decode one by one and join to the text's UTF-8 bytes
    expect(Buffer.concat(chunks)).toEqual(Buffer.from(text, 'utf8'));
    expect(chunks.map((c) => c.toString('utf8')).join('')).toBe(text);
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThanOrEqual(4);
  });

  test('reuses its memory: a chunk is only valid during the call', () => {
    const seen: Buffer[] = [];
    const out = new Utf8Writer((chunk) => seen.push(chunk), 4);
    out.append('abcdefgh');
    out.flush();
    expect(seen).toHaveLength(2);
    expect(seen[0].buffer).toBe(seen[1].buffer);
  });

  test('refuses a chunk size that cannot hold every character', () => {
    expect(() => new Utf8Writer(() => undefined, 3)).toThrow(/at least 4 bytes/);
  });

  test('collectUtf8 returns everything appended, including a text larger than a chunk', () => {
    const long = 'x€'.repeat(700_000);
    expect(collectUtf8((out) => out.append('[').append(long).append(']')).toString('utf8')).toBe(`[${long}]`);
  });
});
