// `npm run review` as a process, in a real temporary Git repository (cwd = that
// repository, as in CI): tests/fixtures/base committed, then a second commit, and
// the summary of what the second one changes.
//
// Hand computations, reference date 2025-07-31 on both sides (base fixture: rules
// 2024-01-01, 30 days to declare; mission-terminee ended 2025-06-30, team alice-conseil
// and bruno-coop):
//   bruno-coop has not declared; deadline 2025-06-30 + 30 = 2025-07-30 < 2025-07-31:
//   en_retard. The second commit adds his declaration (400 € versés to reseau-test,
//   dated 2025-07-20): 0 € → 400 €, 0 sur 1 → 1 sur 1 declarations, a_jour.
//   alice-conseil's declaration goes from 100 € to 1 600 € versés to reseau-test:
//   her money 100 → 1 600; declared value 100 + 2 h × 40 € = 180 → 1 600 + 80 = 1 680.
//   reseau-test receives 100 → 1 600 + 400 = 2 000 €, from 1 → 2 contributors.
import { cpSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXTURES, tempDir } from '../helpers.ts';
import { commitAll as commit, edit, runScript as run, temporaryRepositories, write } from '../git-repo.ts';

const repository = temporaryRepositories('cr-review-');
const temps: string[] = [];
afterAll(() => temps.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
const DATE = '2025-07-31';
const ALICE_DECLARATION = 'content/declarations/alice-conseil/mission-terminee.yaml';
const BRUNO_DECLARATION = `prestataire: bruno-coop
mission: mission-terminee
date: "2025-07-20"
contributions_argent:
  - commun: reseau-test
    montant_eur: 400
    statut: verse
    date: "2025-07-20"
    preuve: https://dons.example.org/recu/2
`;


/** Output with no-break spaces read as spaces (« 1 600 € » is typeset with U+00A0). */
const spaced = (s: string) => s.replace(/\u00a0/g, ' ');





/** The base, then one commit where both declarations move money and standing. */
function declarationsRepository(): string {
  const dir = repository();
  edit(dir, ALICE_DECLARATION, 'montant_eur: 100', 'montant_eur: 1600');
  write(dir, 'content/declarations/bruno-coop/mission-terminee.yaml', BRUNO_DECLARATION);
  commit(dir, 'déclarations');
  return dir;
}

describe('npm run review', () => {
  it('says in French which entries changed and how money and standing move', () => {
    const dir = declarationsRepository();
    const result = run('review', ['--base', 'HEAD~1', '--date', DATE], dir);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const out = spaced(result.stdout);
    expect(out).toMatch(/^Revue du registre : changements depuis HEAD~1 \([0-9a-f]{7}\), chiffres au 31 juillet 2025\.$/m);
    expect(out).toContain('Déclaration modifiée : Alice Conseil pour « Mission terminée » (alice-conseil/mission-terminee) — champ : contributions_argent.');
    expect(out).toContain('Déclaration ajoutée : Coopérative Bruno pour « Mission terminée » (bruno-coop/mission-terminee).');
    expect(out).toContain(
      "La réciprocité versée d'Alice Conseil passe de 100 € à 1 600 € ; sa réciprocité déclarée (argent et nature) passe de 180 € à 1 680 €.",
    );
    expect(out).toContain(
      'La réciprocité versée de Coopérative Bruno passe de 0 € à 400 € ; sa réciprocité déclarée (argent et nature) passe de 0 € à 400 € ; ' +
        'ses déclarations faites passent de 0 sur 1 à 1 sur 1 ; son nombre de communs soutenus passe de 0 à 1 ; sa situation de réciprocité passe de en_retard à a_jour.',
    );
    expect(out).toContain("L'argent versé à Réseau de test passe de 100 € à 2 000 € ; son nombre de contributeurs passe de 1 à 2.");
    expect(out).toContain('Aucune nouvelle erreur ni nouvel avertissement.');
    expect(out).toContain('Après le changement : 0 erreur, 0 avertissement — registre valide.');
    // Claire Asso has no mission: nothing of hers moves.
    expect(out).not.toContain('Association Claire');
  });

  it('writes Markdown for the CI job summary, with what the contributors wrote escaped', () => {
    const dir = declarationsRepository();
    edit(dir, 'content/prestataires/bruno-coop.md', 'nom: Coopérative Bruno', 'nom: "Coopérative <b>Bruno</b> *gras* [lien](https://x.example)"');
    commit(dir, 'nom piégé');
    const result = run('review', ['--base', 'HEAD~2', '--date', DATE, '--format', 'markdown'], dir);
    expect(result.status).toBe(0);
    const out = spaced(result.stdout);
    expect(out).toMatch(/^## Revue du registre\n\nChangements depuis HEAD\\~2 \([0-9a-f]{7}\), chiffres au 31 juillet 2025\.\n\n### Fichiers modifiés \(3\)\n\n\*\*Données du registre \(3 fichiers\)\*\*\n\n- modifié : content\/declarations\/alice-conseil\/mission-terminee.yaml\n/);
    expect(out).toContain('### Entrées\n\n**Prestataires**\n\n- Prestataire modifié : ');
    expect(out).toContain('  - nom : « Coopérative Bruno » → « Coopérative &lt;b&gt;Bruno&lt;/b&gt; \\*gras\\* \\[lien\\](https:\u200B//x.example) »');
    expect(out).toContain('- Prestataire modifié : Coopérative &lt;b&gt;Bruno&lt;/b&gt; \\*gras\\* \\[lien\\](https:\u200B//x.example) (bruno-coop) — champ : nom.');
    expect(out).toContain('**Déclarations**\n\n- Déclaration modifiée : Alice Conseil');
    expect(out).toContain('sa situation de réciprocité passe de en\\_retard à a\\_jour.');
    expect(out).toContain('### Validation\n\nAucune nouvelle erreur ni nouvel avertissement.');
    expect(out).not.toContain('<b>');
  });

  it('lists entries added, changed and removed, kind by kind', () => {
    const dir = repository();
    edit(dir, 'content/missions/mission-appel.md', 'budget_eur: 8000', 'budget_eur: 9000');
    edit(dir, 'content/missions/mission-appel.md', 'Un appel.', 'Un appel, précisé.');
    rmSync(join(dir, 'content/prestataires/claire-asso.md'));
    edit(dir, 'content/communs/wiki-test.md', 'Un wiki ouvert.', 'Un wiki ouvert à tous.');
    write(dir, 'content/regles/2026-01-01.yaml', readFileSync(join(dir, 'content/regles/2024-01-01.yaml'), 'utf8').replace('"2024-01-01"', '"2026-01-01"'));
    commit(dir, 'divers');
    const out = spaced(run('review', ['--base', 'HEAD~1', '--date', DATE], dir).stdout);
    expect(out).toContain(
      [
        'Entrées',
        '  Prestataires',
        '    Prestataire supprimé : Association Claire (claire-asso).',
        '  Missions',
        '    Mission modifiée : « Appel ouvert » (mission-appel) — champs : budget_eur, texte.',
        '        budget_eur : 8 000 → 9 000',
        '  Communs',
        '    Commun modifié : Wiki de test (wiki-test) — champ : description.',
        '        description : « Un wiki ouvert. » → « Un wiki ouvert à tous. »',
        '  Règles',
        '    Règles ajoutées : en vigueur depuis le 1er janvier 2026.',
      ].join('\n'),
    );
  });

  it('on a branch that changes a mission budget and package.json: the code first, old and new values, the figures that move', () => {
    const dir = repository((d) => write(d, 'package.json', '{ "name": "registre" }\n'));
    edit(dir, 'package.json', '"registre"', '"registre", "scripts": { "postinstall": "node x.js" }');
    edit(dir, 'content/missions/mission-terminee.md', 'budget_eur: 6500', 'budget_eur: 13000');
    commit(dir, 'budget doublé');
    const result = run('review', ['--base', 'HEAD~1', '--date', DATE], dir);
    expect(result.status, result.stderr).toBe(0);
    const out = spaced(result.stdout);
    expect(out).toContain(
      [
        'Fichiers modifiés (2)',
        '  Relecture du code obligatoire (1 fichier hors des données)',
        '    modifié : package.json',
        '  Données du registre (1 fichier)',
        '    modifié : content/missions/mission-terminee.md',
      ].join('\n'),
    );
    expect(out.indexOf('package.json')).toBeLessThan(out.indexOf('Entrées'));
    expect(out).toContain('    Mission modifiée : « Mission terminée » (mission-terminee) — champ : budget_eur.\n        budget_eur : 6 500 → 13 000');
    // Rules 2024-01-01: 1 % up to 10 000 €, 2 % above, on the budget less the 1 000 € solidarity
    // margin, rounded to the euro.
    //   before: 1 % × 5 500 = 55 €; after: 1 % × 10 000 + 2 % × 2 000 = 140 €.
    //   alice bills 3 000 of 5 500 €: 55 × 3/5.5 = 30 € → 140 × 3/5.5 = 76,36… (members' shares to
    //   the euro too, adding up to the mission's 140 €: floors 76 + 63, the euro left to bruno's
    //   larger rest, 63,63… → 64 €).
    expect(out).toContain('La réciprocité attendue pour « Mission terminée » passe de 55 € à 140 €.');
    expect(out).toContain("La réciprocité attendue d'Alice Conseil passe de 30 € à 76 €.");
    expect(out).toContain('La réciprocité attendue de Coopérative Bruno passe de 25 € à 64 €.');
    expect(out).toContain('Le budget des missions commencées en 2025 passe de 6 500 € à 13 000 €.');
  });

  it('flags what rewrites the past: a finished mission’s facts (with its correction note) and a re-dated declaration', () => {
    const dir = repository();
    edit(dir, 'content/missions/mission-terminee.md', 'budget_eur: 6500', 'budget_eur: 7000');
    edit(dir, 'content/missions/mission-terminee.md', '---\nUne mission de test.', 'corrections:\n  - date: "2025-07-20"\n    raison: Avenant signé le 18 juillet, cinq cents euros de plus.\n---\nUne mission de test.');
    edit(dir, ALICE_DECLARATION, 'date: "2025-07-05"\n', 'date: "2025-07-01"\n');
    commit(dir, 'corrections');
    const out = spaced(run('review', ['--base', 'HEAD~1', '--date', DATE], dir).stdout);
    expect(out).toContain('Correction d’une mission terminée, mission-terminee (budget_eur : 6 500 → 7 000), note du 20 juillet 2025 : « Avenant signé le 18 juillet, cinq cents euros de plus. » : un mainteneur l’approuve ou la refuse.');
    expect(out).toContain('Déclaration alice-conseil/mission-terminee redatée (2025-07-05 → 2025-07-01)');
  });

  it('flags a declaration above the mission budget or with the template’s examples, shows memberships that move, and heads the summary with the escaped title', () => {
    const dir = repository();
    write(dir, 'content/declarations/bruno-coop/mission-terminee.yaml', BRUNO_DECLARATION.replace('montant_eur: 400', 'montant_eur: 9000'));
    edit(dir, ALICE_DECLARATION, 'https://wiki.example.org/fiche', 'https://exemple.org/fiche');
    edit(dir, 'content/prestataires/bruno-coop.md', 'au: "2025-12-31"', 'au: "2025-06-30"');
    commit(dir, 'déclarations');
    const out = spaced(run('review', ['--base', 'HEAD~1', '--date', DATE], dir).stdout);
    expect(out).toContain('À regarder de près');
    // The mission's budget is 6 500 €: 9 000 € given in money is implausible.
    expect(out).toContain('Déclaration bruno-coop/mission-terminee à regarder : 9 000 € déclarés en argent, plus que le budget de la mission (6 500 €).');
    expect(out).toContain('Déclaration alice-conseil/mission-terminee à regarder : elle garde un texte d’exemple du modèle ; lien d’exemple : https://exemple.org/fiche.');
    expect(out).toContain('adhesions[0].au : « 2025-12-31 » → « 2025-06-30 »');
    expect(out).toContain('son adhésion passe de adherent à adhesion_echue.');
    expect(out).toContain('le nombre de prestataires en adhésion adhesion_echue passe de 0 à 1 ;');
    const md = run('review', ['--base', 'HEAD~1', '--date', DATE, '--format', 'markdown', '--titre', 'a <b> c & `d` ##'], dir).stdout;
    expect(md.split('\n')[0]).toBe('# Proposition : a &lt;b&gt; c &amp; \\`d\\` \\#\\#');
    // As ci.yml passes it (--titre="$PR_TITLE"): a title starting with « - » is a title,
    // and the review that follows it is still there; mentions, references and addresses
    // in it stay inert (a zero-width space after « @ » and « # », inside « :// »).
    const dashed = run('review', ['--base', 'HEAD~1', '--date', DATE, '--format', 'markdown', '--titre=-Déclaration @torvalds #12 https://evil.example'], dir);
    expect(dashed.stderr).not.toContain('Arguments invalides');
    expect(dashed.stdout.split('\n')[0]).toBe('# Proposition : -Déclaration @\u200Btorvalds \\#\u200B12 https:\u200B//evil.example');
    expect(dashed.stdout).toContain('## Revue du registre');
  });

  it('names a forge account added to a profile « changement d’identité », at the top of what to look at', () => {
    const dir = repository();
    edit(dir, 'content/prestataires/bruno-coop.md', '  - bruno-coop', '  - bruno-associe');
    commit(dir, 'compte remplacé');
    const out = spaced(run('review', ['--base', 'HEAD~1', '--date', DATE], dir).stdout);
    expect(out).toContain("Changement d'identité : Coopérative Bruno (bruno-coop) — comptes_forge ajoute @bruno-associe, retire @bruno-coop (1 compte en tout). Un mainteneur décide qui parle en son nom.");
    const md = run('review', ['--base', 'HEAD~1', '--date', DATE, '--format', 'markdown'], dir).stdout;
    // In the job summary, the accounts are named without being mentioned.
    expect(md).toContain('comptes\\_forge ajoute @\u200Bbruno-associe, retire @\u200Bbruno-coop');
  });

  it('compares the working tree, uncommitted changes included, and reports the new errors (exit 1)', () => {
    const dir = repository();
    edit(dir, ALICE_DECLARATION, 'montant_eur: 100', 'montant_eur: -150');
    const result = run('review', ['--base', 'HEAD', '--date', DATE], dir);
    expect(result.status).toBe(1);
    const out = spaced(result.stdout);
    expect(out).toContain('Déclaration devenue invalide : Alice Conseil pour « Mission terminée » (alice-conseil/mission-terminee) (voir les erreurs plus bas).');
    expect(out).toContain("La réciprocité versée d'Alice Conseil passe de 100 € à 0 €");
    // The declaration no longer counts: alice-conseil is late again, a new warning.
    expect(out).toContain(
      [
        '  1 nouvelle erreur, 1 nouvel avertissement :',
        '    content/declarations/alice-conseil/mission-terminee.yaml:10:5  « montant_eur » doit être positif (reçu -150).',
      ].join('\n'),
    );
    expect(out).toContain('content/missions/mission-terminee.md:19:5  avertissement : « alice-conseil » n\'a pas déclaré pour « mission-terminee »');
    expect(out).toContain('registre invalide.');
  });

  it('refuses an unknown base, a bad format and a folder outside Git in French (exit 2)', () => {
    const dir = repository();
    const unknown = run('review', ['--base', 'branche-inconnue'], dir);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('Référence Git inconnue : « branche-inconnue ».');
    const format = run('review', ['--base', 'HEAD', '--format', 'html'], dir);
    expect(format.status).toBe(2);
    expect(format.stderr).toContain('Format inconnu : « html ». Formats possibles : text, markdown.');
    const missing = run('review', [], dir);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('Indiquez la version à comparer avec --base');
    const outside = tempDir('cr-review-hors-git-');
    temps.push(outside);
    cpSync(join(FIXTURES, 'base'), join(outside, 'content'), { recursive: true });
    const noGit = run('review', ['--base', 'HEAD'], outside);
    expect(noGit.status).toBe(2);
    expect(noGit.stderr).toContain('Pas de dépôt Git ici');
  });
});
