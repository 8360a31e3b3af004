import assert from 'node:assert/strict';
import { type AnsiState, PLAIN_STATE, parseAnsiLine, xtermRgb } from '../../../webview-ui/src/ansi';

const ESC = '\x1b';
const parse = (raw: string, state: AnsiState = PLAIN_STATE) => parseAnsiLine(raw, state).line;

describe('webview/ansi', () => {
  it('passes a plain line through without spans', () => {
    assert.deepEqual(parse('just text\twith a tab'), { text: 'just text\twith a tab', spans: null });
  });

  it('maps the 16 colours to theme colour names', () => {
    const line = parse(`${ESC}[31mred${ESC}[0m plain ${ESC}[94mbright blue${ESC}[42mon green`);
    assert.equal(line.text, 'red plain bright blueon green');
    assert.deepEqual(line.spans, [
      { text: 'red', fg: 'ansiRed' },
      { text: ' plain ' },
      { text: 'bright blue', fg: 'ansiBrightBlue' },
      { text: 'on green', fg: 'ansiBrightBlue', bg: 'ansiGreen' },
    ]);
  });

  it('reads bold, italic, underline, dim, strikethrough and inverse, and their resets', () => {
    const line = parse(`${ESC}[1;3;4mall${ESC}[22;23;24m none ${ESC}[2;9;7mdim${ESC}[m`);
    assert.deepEqual(line.spans, [
      { text: 'all', bold: true, italic: true, underline: true },
      { text: ' none ' },
      { text: 'dim', dim: true, strikethrough: true, inverse: true },
    ]);
  });

  it('turns 256-colour and truecolour codes into hex colours', () => {
    const line = parse(`${ESC}[38;5;208morange${ESC}[38;5;9mred${ESC}[48;2;10;20;30mbg`);
    assert.deepEqual(line.spans, [
      { text: 'orange', fg: '#ff8700' },
      { text: 'red', fg: 'ansiBrightRed' },
      { text: 'bg', fg: 'ansiBrightRed', bg: '#0a141e' },
    ]);
    assert.deepEqual(xtermRgb(232), [8, 8, 8]);
    assert.deepEqual(xtermRgb(16), [0, 0, 0]);
    assert.deepEqual(xtermRgb(231), [255, 255, 255]);
  });

  it('accepts the colon form of extended colours (38:2::r:g:b)', () => {
    assert.deepEqual(parse(`${ESC}[38:2::255:0:128mpink`).spans, [{ text: 'pink', fg: '#ff0080' }]);
  });

  it('carries the style from one line of a stream to the next until a reset', () => {
    const first = parseAnsiLine(`${ESC}[32mgreen starts`, PLAIN_STATE);
    const second = parseAnsiLine('still green', first.state);
    assert.deepEqual(second.line.spans, [{ text: 'still green', fg: 'ansiGreen' }]);
    const third = parseAnsiLine(`${ESC}[0mplain`, second.state);
    assert.equal(third.line.spans, null);
    assert.equal(parseAnsiLine('after', third.state).line.spans, null);
  });

  it('does not let non-colour sequences (erase line, cursor moves) drop the style or show up', () => {
    const line = parse(`${ESC}[33mwarn${ESC}[K still${ESC}[2A${ESC}[?25l yellow`);
    assert.deepEqual(line.spans, [{ text: 'warn still yellow', fg: 'ansiYellow' }]);
  });

  it('strips an OSC 8 hyperlink to its plain text, keeping no link target', () => {
    const raw = `see ${ESC}]8;;javascript:alert(1)${ESC}\\click me${ESC}]8;;${ESC}\\ and ${ESC}]8;;https://x.test\x07x${ESC}]8;;\x07`;
    const line = parse(raw);
    assert.deepEqual(line, { text: 'see click me and x', spans: null });
  });

  it('strips window titles, other escape sequences, control characters and an unfinished CSI', () => {
    assert.equal(parse(`${ESC}]0;title\x07a${ESC}(Bb${ESC}=c\x07\x08d${ESC}[3`).text, 'abcd');
    assert.equal(parse(`${ESC}Pdcs data${ESC}\\ok`).text, 'ok');
  });

  it('shows the last redraw of a \\r progress bar, with its style', () => {
    assert.deepEqual(parse('10%\r50%\r100%'), { text: '100%', spans: null });
    assert.deepEqual(parse(`${ESC}[32m 10%\r 99%\r`).spans, [{ text: ' 99%', fg: 'ansiGreen' }]);
    assert.equal(
      parse(`50%\r${ESC}[K`).text,
      '50%',
      'a cleared line about to be redrawn keeps the last drawing',
    );
  });

  it('keeps markup-looking output as plain text data', () => {
    const line = parse(`${ESC}[31m<script>alert(1)</script><img src=x onerror=alert(2)>`);
    assert.deepEqual(line.spans, [
      { text: '<script>alert(1)</script><img src=x onerror=alert(2)>', fg: 'ansiRed' },
    ]);
  });
});
