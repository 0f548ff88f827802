// What a reminder says, on the base tree, when a provider has written things that would
// ping people or make links in the association's issues (forge-trust.md, L2), or has
// hundreds of dead proof links (M2): the name is shown inert, in the title too, and the
// list of dead links stops at DEAD_LINKS_LISTED with how many more.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEAD_LINKS_LISTED, remindersOn } from '../../src/domain/contribution/reminders.ts';
import { loadRegistry } from '../../src/domain/rules/load.ts';
import { baseTree, FIXTURE_DATE } from '../helpers.ts';

const Z = '\u200B';
const links = { declare: () => 'https://forge.example/nouveau', page: (path: string) => `https://site.example${path}` };

describe('rappel « lien mort » d’un prestataire au nom piégé et aux 30 liens morts', () => {
  const dir = baseTree();
  const profile = join(dir, 'prestataires/alice-conseil.md');
  writeFileSync(profile, readFileSync(profile, 'utf8').replace('nom: Alice Conseil', 'nom: "Alice Conseil @torvalds #12 https://evil.example/payer"'));
  const declaration = join(dir, 'declarations/alice-conseil/mission-terminee.yaml');
  const urls = Array.from({ length: 30 }, (_, i) => `https://recus.example.org/${i}`);
  const lines = urls.map((url) => `  - commun: reseau-test\n    montant_eur: 1\n    statut: verse\n    date: "2025-07-05"\n    preuve: ${url}\n`).join('');
  writeFileSync(declaration, readFileSync(declaration, 'utf8').replace('contributions_argent:\n', `contributions_argent:\n${lines}`));
  const result = loadRegistry(dir, { date: FIXTURE_DATE });
  const dead = new Map(urls.map((url) => [url, { url, statut: 404, raison: 'page introuvable' }]));
  const reminder = remindersOn(result.registry, FIXTURE_DATE, links, dead).find((r) => r.id === 'alice-conseil' && r.raison === 'lien_mort')!;

  it('la fiche se charge : un nom peut contenir « @ » et « # »', () => {
    expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('le nom ne mentionne personne, ne renvoie à aucune issue, ne fait aucun lien, dans le titre comme dans le corps', () => {
    expect(reminder.titre).toBe(`Rappel : lien de preuve qui ne répond plus — Alice Conseil @${Z}torvalds #${Z}12 https:${Z}//evil.example/payer`);
    expect(reminder.corps).toContain(`(Alice Conseil @${Z}torvalds \\#${Z}12 https:${Z}//evil.example/payer)`);
    expect(`${reminder.titre}\n${reminder.corps}`).not.toMatch(/@torvalds|#12|https:\/\/evil/);
    // The provider's own accounts are mentioned: the reminder is for them.
    expect(reminder.corps).toContain('Bonjour @alice-conseil,');
  });

  it(`liste ${DEAD_LINKS_LISTED} liens au plus, comme du texte, puis combien d’autres`, () => {
    const listed = reminder.corps.split('\n').filter((l) => l.startsWith(`- https:${Z}//recus.example.org/`));
    expect(listed).toHaveLength(DEAD_LINKS_LISTED);
    expect(reminder.corps).toContain('- … et 10 autres (la liste complète : `npm run liens`, ou les avertissements de votre fiche sur le site).');
  });
});

describe('un prestataire parti, un commun fermé : plus de rappel qu’ils ne peuvent suivre', () => {
  // On 2026-02-01 every membership of the base tree has ended (31 December 2025).
  const DATE = '2026-02-01';
  const dead = new Map([['https://wiki.example.org/fiche', { url: 'https://wiki.example.org/fiche', statut: 404, raison: 'page introuvable' }]]);
  const reasons = (dir: string) => remindersOn(loadRegistry(dir, { date: DATE }).registry, DATE, links, dead).map((r) => `${r.id}:${r.raison}`);
  const before = reasons(baseTree());
  const dir = baseTree();
  const bruno = join(dir, 'prestataires/bruno-coop.md');
  writeFileSync(bruno, readFileSync(bruno, 'utf8').replace('---\nPrésentation', 'depart:\n  le: "2026-01-10"\n---\nPrésentation'));
  const wiki = join(dir, 'communs/wiki-test.md');
  writeFileSync(wiki, readFileSync(wiki, 'utf8').replace(/^---\n([\s\S]*?)\n---/, '---\n$1\nfermeture:\n  le: "2026-01-20"\n  raison: Le wiki a été archivé.\n---'));
  const after = reasons(dir);

  it('sans départ ni fermeture, bruno-coop est rappelé pour son adhésion et alice-conseil pour le lien mort vers le wiki', () => {
    expect(before).toContain('bruno-coop:adhesion_echue');
    expect(before).toContain('alice-conseil:lien_mort');
  });

  it('parti, bruno-coop n’est plus rappelé pour son adhésion, mais l’est toujours pour sa déclaration ; le lien vers le commun fermé ne fait plus de rappel', () => {
    expect(loadRegistry(dir, { date: DATE }).problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(after).toEqual(before.filter((r) => r !== 'bruno-coop:adhesion_echue' && r !== 'alice-conseil:lien_mort'));
    expect(after).toContain('bruno-coop:en_retard');
  });
});
