// scripts/lint-layers.mjs, as `npm run lint` runs it: on a throw-away tree with one break of each
// rule it fails naming the file, line, import and rule; on this repository it passes.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repoRoot } from '../../support/cli';

const script = path.join(repoRoot, 'scripts', 'lint-layers.mjs');

function lint(root?: string) {
  const run = spawnSync(process.execPath, root ? [script, root] : [script], { encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout, lines: run.stderr.trim().split('\n').filter(Boolean) };
}

describe('scripts/lint-layers', function () {
  this.timeout(20_000);
  let root: string;

  /** Writes `files` (path → text) under a fresh root. */
  function tree(files: Record<string, string>): void {
    for (const [rel, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      writeFileSync(path.join(root, rel), text);
    }
  }

  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'dispatch-layers-'));
    // A tree that keeps every rule, with deep sub-folders, every import form and a folder import.
    tree({
      'src/core/task.ts': "import { z } from 'zod';\nexport const x = z;\n",
      'src/store/index.ts': "export * from './repositories/tasks';\n",
      'src/store/repositories/tasks.ts':
        "import type { x } from '../../core/task';\nexport type T = typeof x;\n",
      'src/engine/tasks/run.ts':
        "import { T } from '../../store';\nimport { spawn } from 'node:child_process';\n",
      'src/cli/main.ts':
        "const engine = require('../engine/tasks/run');\nconst host = { require: () => 1 };\n",
      'src/extension/panel.ts':
        "import * as vscode from 'vscode';\nimport type { Msg } from '../protocol/panel';\nvoid import('../engine/tasks/run');\n",
      'src/protocol/panel.ts': 'export type Msg = { type: string };\n',
      'webview-ui/src/main.ts':
        "import type { Msg } from '../../src/protocol/panel';\nimport anser from 'anser';\n",
      // Words that look like imports but are not: a comment and a string.
      'src/core/ids.ts':
        "// import * as vscode from 'vscode';\nexport const s = \"require('../engine/x')\";\n",
    });
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('passes a tree that keeps the layer map', () => {
    const run = lint(root);
    assert.deepEqual(run.lines, []);
    assert.equal(run.status, 0);
    assert.match(run.stdout, /layers: 9 files follow the layer map/);
  });

  /** [what, file, its text, the line expected for it]. */
  const breaks: [string, string, string, RegExp][] = [
    [
      'a layer importing upwards, type-only',
      'src/store/repositories/claims.ts',
      "import type { Engine } from '../../engine/tasks/run';\n",
      /^src\/store\/repositories\/claims\.ts:1: imports \.\.\/\.\.\/engine\/tasks\/run \(engine\): src\/store may import only src\/core, src\/store$/,
    ],
    [
      'a multi-line import upwards, on its specifier’s line',
      'src/core/graph.ts',
      "import {\n  a,\n  b,\n} from '../store';\n",
      /^src\/core\/graph\.ts:4: imports \.\.\/store \(store\): src\/core may import only src\/core$/,
    ],
    [
      'a dynamic import upwards',
      'src/engine/late.ts',
      "export const load = () => import('../extension/panel');\n",
      /^src\/engine\/late\.ts:1: imports \.\.\/extension\/panel \(extension\): src\/engine may import only/,
    ],
    [
      'require() upwards',
      'src/store/old.ts',
      "const engine = require('../engine/tasks/run');\n",
      /^src\/store\/old\.ts:1: imports .*\(engine\): src\/store may import only/,
    ],
    [
      'export … from upwards',
      'src/core/reexport.ts',
      "export { T } from '../store/repositories/tasks';\n",
      /^src\/core\/reexport\.ts:1: imports .*\(store\): src\/core may import only src\/core$/,
    ],
    [
      'vscode outside src/extension',
      'src/engine/notify.ts',
      "import { window } from 'vscode';\n",
      /^src\/engine\/notify\.ts:1: imports vscode: only src\/extension may import vscode$/,
    ],
    [
      'vscode in the webview',
      'webview-ui/src/api.ts',
      "import type * as vscode from 'vscode';\n",
      /^webview-ui\/src\/api\.ts:1: imports vscode: only src\/extension may import vscode$/,
    ],
    [
      'the webview importing a layer other than src/protocol',
      'webview-ui/src/format.ts',
      "import { x } from '../../src/core/task';\n",
      /^webview-ui\/src\/format\.ts:1: imports .*\(core\): webview-ui may import only src\/protocol and its own files/,
    ],
    [
      'the webview importing a Node built-in',
      'webview-ui/src/read.ts',
      "import { readFileSync } from 'node:fs';\n",
      /^webview-ui\/src\/read\.ts:1: imports node:fs: webview-ui runs in a browser/,
    ],
    [
      'the cli importing the extension',
      'src/cli/open.ts',
      "import { x } from '../extension/panel';\n",
      /^src\/cli\/open\.ts:1: imports .*\(extension\): src\/cli may import only src\/core, src\/store, src\/engine, src\/cli$/,
    ],
    [
      'a layer below the extension importing src/protocol',
      'src/engine/output.ts',
      "import type { Msg } from '../protocol/panel';\n",
      /^src\/engine\/output\.ts:1: imports .*\(protocol\): only src\/extension and webview-ui import src\/protocol$/,
    ],
    [
      'src/protocol importing anything',
      'src/protocol/more.ts',
      "import { z } from 'zod';\n",
      /^src\/protocol\/more\.ts:1: imports zod: src\/protocol holds shared types only and imports nothing$/,
    ],
    [
      'shipped code importing from test/',
      'src/engine/helper.ts',
      "import { fakeAgent } from '../../test/support/cli';\n",
      /^src\/engine\/helper\.ts:1: imports .*\(test\): shipped code must not import from test\/$/,
    ],
    [
      'a src folder missing from the layer map',
      'src/utils/misc.ts',
      'export const y = 1;\n',
      /^src\/utils\/misc\.ts:1: src\/utils is not in the layer map/,
    ],
  ];

  it('fails on a tree that breaks each rule once, with one line per break naming file, line, import and rule', () => {
    for (const [, file, text] of breaks) tree({ [file]: text });
    const run = lint(root);
    assert.equal(run.status, 1);
    for (const [what, , , expected] of breaks) {
      assert.equal(
        run.lines.filter((line) => expected.test(line)).length,
        1,
        `${what}:\n${run.lines.join('\n')}`,
      );
    }
    assert.equal(run.lines.length, breaks.length + 1, run.lines.join('\n'));
    assert.equal(run.lines.at(-1), `layers: ${breaks.length} break(s) of the layer map (CONTRIBUTING.md)`);
  });

  it('passes on this repository', () => {
    const run = lint();
    assert.deepEqual(run.lines, []);
    assert.equal(run.status, 0);
  });
});
