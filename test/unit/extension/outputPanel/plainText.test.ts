import assert from 'node:assert/strict';
import {
  compactLine,
  plainLine,
  plainLines,
  stripAnsi,
} from '../../../../src/extension/outputPanel/plainText';

const ESC = '\x1b';

describe('extension/outputPanel/plainText', () => {
  it('leaves plain text, tabs and newlines as they are', () => {
    const text = 'a\tb\n  c €😀\n\nlast';
    assert.equal(stripAnsi(text), text);
    assert.equal(plainLines(text), text);
  });

  it('removes SGR colours in every form, keeping the text', () => {
    assert.equal(stripAnsi(`${ESC}[32mout 1${ESC}[0m`), 'out 1');
    assert.equal(stripAnsi(`${ESC}[1;38;5;208mbold${ESC}[m ${ESC}[48;2;1;2;3mbg${ESC}[49m`), 'bold bg');
    // ITU form with colons, which anser would print as text.
    assert.equal(stripAnsi(`${ESC}[38:2::255:0:0mred${ESC}[4:3m!`), 'red!');
  });

  it('removes cursor movement, erasing and private modes', () => {
    assert.equal(stripAnsi(`a${ESC}[2Kb${ESC}[1G${ESC}[3Ac${ESC}[?25l${ESC}[?2004hd${ESC}[>4;1m`), 'abcd');
    assert.equal(stripAnsi(`x${ESC}[2 qy`), 'xy', 'a CSI with an intermediate byte');
  });

  it('removes OSC titles and hyperlinks, keeping the link text', () => {
    assert.equal(stripAnsi(`${ESC}]0;my title\x07text`), 'text');
    assert.equal(stripAnsi(`${ESC}]8;;https://example.com/a?b=1\x07link${ESC}]8;;\x07 after`), 'link after');
    assert.equal(
      stripAnsi(`${ESC}]8;id=1;file:///x${ESC}\\file${ESC}]8;;${ESC}\\.`),
      'file.',
      'ST-terminated',
    );
    assert.equal(stripAnsi(`before${ESC}]2;never ends`), 'before', 'an unterminated OSC ends with the line');
    assert.equal(stripAnsi(`${ESC}P1$r0m${ESC}\\dcs`), 'dcs', 'DCS strings too');
  });

  it('removes other escapes, lone escapes and control characters', () => {
    assert.equal(stripAnsi(`${ESC}(Bplain${ESC}=${ESC}7${ESC}8${ESC}M.`), 'plain.');
    assert.equal(stripAnsi(`bell\x07 nul\x00 bs\b del\x7f c1\x9b end${ESC}`), 'bell nul bs del c1 end');
    assert.equal(stripAnsi(`cut ${ESC}[3`), 'cut ', 'an unfinished CSI at the end');
  });

  it('shows the last non-empty redraw of a carriage-return line', () => {
    assert.equal(plainLine('10%\r50%\r100%'), '100%');
    assert.equal(plainLine(`downloading 40%\r${ESC}[Kdownloading 90%\r${ESC}[K`), 'downloading 90%');
    assert.equal(plainLine('windows line\r'), 'windows line');
    assert.equal(plainLine(`${ESC}[36m●${ESC}[0m tool\r`), '● tool');
    assert.equal(plainLine('\r\r'), '');
  });

  it('applies carriage returns line by line', () => {
    assert.equal(plainLines('a\r\nstep 1\rstep 2\n\tdone\r\n'), 'a\nstep 2\n\tdone\n');
  });

  it('compacts a line still being written without changing how it reads', () => {
    const raw = `${'x'.repeat(10)}\r${ESC}[32m50%${ESC}[0m\r${ESC}[32m75`;
    const compact = compactLine(raw);
    assert.equal(compact, `50%\r${ESC}[32m75`);
    assert.equal(plainLine(compact), plainLine(raw));
    // The redraw in progress is empty: the last complete one still shows.
    assert.equal(plainLine(compactLine('10%\r20%\r')), '20%');
    assert.equal(compactLine('no return'), 'no return');
  });
});
