import { describe, expect, it } from 'vitest';
import { fitLabel, fitLine, textWidth } from './text';

describe('fitLine', () => {
  it('keeps a line that fits as it is', () => {
    expect(fitLine('web', 200, 12)).toBe('web');
  });

  it.each([
    ['registry.local/app/api:2.3.1-with-a-very-long-tag', 120, 12, false],
    ['MMMMMMMMMMMMMMMMMMMMMMMM', 90, 14, false],
    ['iiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiii', 40, 10, false],
    ['fd00:dead:beef:0000:0000:0000:0000:0002', 150, 11, true],
  ])('shortens %j with an ellipsis to no wider than %i', (line, width, size, mono) => {
    const fitted = fitLine(line, width, size, mono);
    expect(fitted.endsWith('…')).toBe(true);
    expect(fitted.length).toBeLessThan(line.length);
    expect(textWidth(fitted, size, mono)).toBeLessThanOrEqual(width);
    expect(line.startsWith(fitted.slice(0, -1))).toBe(true);
  });

  it('never inserts a line break: a long word is cut with an ellipsis, never broken over lines', () => {
    const fitted = fitLine('supercalifragilisticexpialidocious-container-name', 100, 12);
    expect(fitted).not.toContain('\n');
    expect(fitted.endsWith('…')).toBe(true);
  });

  it('drops the trailing space before the ellipsis', () => {
    const fitted = fitLine('aaaa bbbbbbbbbbbbbbbbbbbbbbbbbb', textWidth('aaaa …', 12), 12);
    expect(fitted).toBe('aaaa…');
  });

  it('fits whatever the width, down to an ellipsis alone', () => {
    for (let width = 0; width < 300; width += 7) {
      const fitted = fitLine('a-container-with-a-rather-long-name', width, 12);
      expect(fitted === 'a-container-with-a-rather-long-name' || fitted.endsWith('…')).toBe(true);
      if (fitted.length > 1) expect(textWidth(fitted, 12)).toBeLessThanOrEqual(width);
    }
  });
});

describe('fitLabel', () => {
  it('fits each line on its own and keeps the line breaks it was given', () => {
    const label = fitLabel('a-very-long-container-name-indeed\n10.1.0.2', 100, 12);
    const lines = label.split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]!.endsWith('…')).toBe(true);
    expect(lines[1]).toBe('10.1.0.2');
    for (const line of lines) expect(textWidth(line, 12)).toBeLessThanOrEqual(100);
  });

  it('keeps at most maxLines lines and never adds any', () => {
    expect(fitLabel('one\ntwo\nthree\nfour', 200, 12)).toBe('one\ntwo\nthree');
    expect(fitLabel('one\ntwo\nthree\nfour', 200, 12, 2)).toBe('one\ntwo');
    const long = 'word '.repeat(40).trim();
    expect(fitLabel(long, 120, 12).split('\n')).toHaveLength(1);
  });

  it('measures monospace text as monospace', () => {
    expect(textWidth('iiii', 10, true)).toBe(textWidth('MMMM', 10, true));
    expect(textWidth('iiii', 10)).toBeLessThan(textWidth('MMMM', 10));
  });
});
