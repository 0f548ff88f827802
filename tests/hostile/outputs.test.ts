// What a pull request writes reaches the maintainers through our outputs: the terminal,
// GitHub annotations, the job summary, the review. Here, as CI runs them (real processes
// in a real Git repository), a file name and a first line full of control characters, a
// forged annotation and backticks that would close a fence, in every output format of
// `validate` and `review`; and two bodies that would stall the build, named by
// `validate`.
import { cpSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, walk } from '../helpers.ts';
import { runScript, temporaryRepositories, write } from '../git-repo.ts';

const repository = temporaryRepositories('cr-sorties-');
const DATE = '2025-07-15';

// ESC [2J clears the screen; BEL; a CR that would bring the cursor back over the line;
// a line break followed by a forged annotation; U+202E reverses what follows; and five
// backticks, more than the fence of a naive job summary.
const FORGED = '::error file=alice-conseil.md,line=1::Alice a triché';
const NAME = `evil\u001b[2J\u0007\r\n${FORGED}\u202e\`\`\`\`\`.md`;
const FIRST_LINE = `---yaml\u001b]0;titre\u0007\rfaux`;
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/;

let dir: string;
beforeAll(() => {
  dir = repository();
  // Not committed: the proposal's working tree, as CI checks it out.
  write(dir, `content/prestataires/${NAME}`, '---\nid: evil\n---\n');
  write(dir, 'content/prestataires/premiere-ligne.md', `${FIRST_LINE}\nid: premiere-ligne\n---\n`);
});

/** Every line of an output, with no raw control character but the line breaks between them. */
function expectNoRawControl(output: string): void {
  expect(output.split('\n').filter((line) => RAW.test(line) || line.includes('\r'))).toEqual([]);
}

/** No line of the output starts a workflow command but our own annotations. */
function expectNoForgedCommand(output: string): void {
  for (const line of output.split('\n')) {
    if (line.startsWith('::')) expect(line).toMatch(/^::(error|warning) file=content/);
  }
  expect(output).not.toMatch(/^::error file=alice-conseil\.md/m);
}

describe('validate : caractères de contrôle dans un nom de fichier et une première ligne', () => {
  const run = (format: string) => runScript('validate', ['--content', 'content', '--date', DATE, '--format', format], dir);

  it('texte : échappés (« \\r », « \\u001B »), sur la ligne du fichier qu’ils nomment', () => {
    const { status, stdout } = run('text');
    expect(status).toBe(1);
    expectNoRawControl(stdout);
    expect(stdout).toContain(`content/prestataires/evil\\u001B[2J\\u0007\\r\\n${FORGED}\\u202E\`\`\`\`\`.md:1:1  Ce fichier n'est pas à sa place`);
    expect(stdout).toContain('content/prestataires/premiere-ligne.md:1:4  L\'en-tête est déclaré en « yaml\\u001B]0;titre\\u0007\\rfaux » : seul le YAML est accepté.');
  });

  it('JSON : les mêmes échappements dans « file » et « message »', () => {
    const { status, stdout } = run('json');
    expect(status).toBe(1);
    const errors = (JSON.parse(stdout) as { errors: Array<{ file: string; message: string }> }).errors;
    expect(errors.map((e) => e.file)).toContain(`content/prestataires/evil\\u001B[2J\\u0007\\r\\n${FORGED}\\u202E\`\`\`\`\`.md`);
    expect(errors.find((e) => e.file.endsWith('premiere-ligne.md'))!.message).toContain('« yaml\\u001B]0;titre\\u0007\\rfaux »');
    for (const e of errors) expect(RAW.test(e.file + e.message) || /[\r\n]/.test(e.file + e.message), e.file).toBe(false);
  });

  it('annotations GitHub : aucune commande forgée, aucune ligne coupée', () => {
    const { status, stdout } = run('github');
    expect(status).toBe(1);
    expectNoRawControl(stdout);
    expectNoForgedCommand(stdout);
    // The name stays in its own annotation, its « : » and « , » escaped as a property.
    expect(stdout).toMatch(/^::error file=content\/prestataires\/evil\\u001B\[2J\\u0007\\r\\n%3A%3Aerror file=alice-conseil\.md%2Cline=1%3A%3AAlice a triché\\u202E`````\.md,line=1,col=1,/m);
  });

  it('résumé de tâche (markdown) : une clôture plus longue que tout ce que le contenu contient', () => {
    const { status, stdout } = run('markdown');
    expect(status).toBe(1);
    expectNoRawControl(stdout);
    const lines = stdout.trimEnd().split('\n');
    const open = lines.findIndex((l) => /^`{3,}text$/.test(l));
    const fence = lines[open].slice(0, -'text'.length);
    expect(fence.length).toBeGreaterThan(5);
    expect(lines.at(-1)).toBe(fence);
    // Nothing between the two fences could close the first one.
    expect(lines.slice(open + 1, -1).filter((l) => /^ {0,3}`{3,}\s*$/.test(l) && l.trim().length >= fence.length)).toEqual([]);
    expect(lines.slice(open + 1, -1).join('\n')).toContain(`${FORGED}\\u202E\`\`\`\`\`.md:1:1`);
  });
});

describe('review : les mêmes fichiers, dans le terminal et dans le résumé de tâche', () => {
  const run = (format: string) => runScript('review', ['--base', 'main', '--date', DATE, '--format', format], dir);

  it('texte : échappés, sans retour chariot ni séquence d’échappement', () => {
    const { status, stdout } = run('text');
    expect(status).toBe(1);
    expectNoRawControl(stdout);
    expectNoForgedCommand(stdout);
    expect(stdout).toContain(`content/prestataires/evil\\u001B[2J\\u0007\\r\\n${FORGED}\\u202E\`\`\`\`\`.md:1:1`);
    expect(stdout).toContain('« yaml\\u001B]0;titre\\u0007\\rfaux »');
  });

  it('markdown : échappés, et les accents graves neutralisés', () => {
    const { status, stdout } = run('markdown');
    expect(status).toBe(1);
    expectNoRawControl(stdout);
    expectNoForgedCommand(stdout);
    expect(stdout).not.toContain('`````');
    expect(stdout).toContain('evil\\\\u001B\\[2J\\\\u0007\\\\r\\\\n::error file=alice-conseil.md,line=1::Alice a triché\\\\u202E\\`\\`\\`\\`\\`.md:1:1');
  });
});

describe('validate : des textes qui feraient planter ou traîner la construction', () => {
  it('des citations imbriquées et des milliers d’astérisques : refusés, chaque fichier nommé', () => {
    const tree = repository();
    for (const name of ['corps-citations-imbriquees', 'corps-emphases-non-fermees']) {
      const from = join(FIXTURES, 'hostile', name);
      for (const file of walk(from)) cpSync(file, join(tree, 'content', relative(from, file)));
    }
    const { status, stdout } = runScript('validate', ['--content', 'content', '--date', DATE, '--render'], tree);
    expect(status).toBe(1);
    expect(stdout).toContain('content/prestataires/corps-citations-imbriquees.md:12:5002  Le texte imbrique trop de citations');
    expect(stdout).toContain('content/prestataires/corps-emphases-non-fermees.md:12:130  Le texte (Markdown) est trop complexe pour être affiché sans risque : plus de 64 marques d’emphase');
    // The valid files beside them: 9 of the base tree.
    expect(stdout).toMatch(/11 fichiers lus, 9 entités valides : 2 erreurs/);
    expect(readdirSync(join(tree, 'content', 'prestataires'))).toHaveLength(5);
  });
});
