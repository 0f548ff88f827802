// Renaming a provider's id in place (src/domain/contribution/rename.ts): every reference
// follows, nothing else moves, comments and quotes stay as written.
import { describe, expect, it } from 'vitest';
import { renamedText, withCorrectionNote, withFormerId } from '../../src/domain/contribution/rename.ts';
import { parseMarkdownFile } from '../../src/domain/registry/parse.ts';

const MISSION = `---
id: m
# l'équipe : alice d'abord (alice est chef de file)
portage:
  type: consortium
  chef_de_file: "alice"
equipe:
  - prestataire: alice # elle coordonne
    role: coordination
    jours: 2
  - prestataire: alicette
    role: animation
    jours: 1
livrables:
  - titre: alice et alicette
    auteurs: [alicette, alice]
  - titre: Guide
    auteurs:
      - alice
---
Texte où alice apparaît : prestataire: alice.
`;

describe('renamedText', () => {
  it('remplace les valeurs qui nomment le prestataire, et rien d’autre', () => {
    const result = renamedText(MISSION, 'alice', 'alice-conseil', { markdown: true })!;
    expect(result.count).toBe(4);
    expect(result.text).toBe(
      MISSION.replace('chef_de_file: "alice"', 'chef_de_file: "alice-conseil"')
        .replace('- prestataire: alice # elle', '- prestataire: alice-conseil # elle')
        .replace('auteurs: [alicette, alice]', 'auteurs: [alicette, alice-conseil]')
        .replace('      - alice\n', '      - alice-conseil\n'),
    );
    // The body and the comments are prose: untouched.
    expect(result.text).toContain("# l'équipe : alice d'abord (alice est chef de file)");
    expect(result.text).toContain('Texte où alice apparaît : prestataire: alice.');
  });

  it('renomme l’id de la fiche elle-même seulement quand on le demande', () => {
    const profile = '---\nid: alice\nnom: Alice\ncompetences:\n  - alice\n---\n';
    expect(renamedText(profile, 'alice', 'bob', { markdown: true })!.count).toBe(0);
    expect(renamedText(profile, 'alice', 'bob', { markdown: true, topLevelId: true })!.text).toBe('---\nid: bob\nnom: Alice\ncompetences:\n  - alice\n---\n');
  });

  it('lit un fichier YAML entier, et refuse un YAML illisible', () => {
    expect(renamedText('commun: c\nconfirmations:\n  - prestataire: alice\n    mission: m\n', 'alice', 'bob', { markdown: false })!.text).toContain('- prestataire: bob\n');
    expect(renamedText('a: [\n', 'alice', 'bob', { markdown: false })).toBeNull();
  });
});

describe('withFormerId', () => {
  it('ajoute anciens_ids après la ligne id, ou complète la liste', () => {
    const once = withFormerId('---\nid: bob\nnom: B\n---\n', 'alice');
    expect(once).toBe('---\nid: bob\nanciens_ids:\n  - alice\nnom: B\n---\n');
    expect(withFormerId(once, 'al')).toBe('---\nid: bob\nanciens_ids:\n  - alice\n  - al\nnom: B\n---\n');
    expect(withFormerId('---\nid: bob\nanciens_ids: [alice]\n---\n', 'al')).toBe('---\nid: bob\nanciens_ids: [alice, al]\n---\n');
  });
});

describe('withCorrectionNote', () => {
  const note = (text: string) => withCorrectionNote(text, '2026-12-02', 'Identifiant remplacé.', ['equipe']);

  it('ajoute la note à la fin de corrections, ou crée la liste', () => {
    const created = note(MISSION)!;
    expect(parseMarkdownFile(created)).toMatchObject({ ok: true, data: { corrections: [{ date: '2026-12-02', raison: 'Identifiant remplacé.', champs: ['equipe'] }] } });
    const appended = note(created.replace('Identifiant remplacé.', 'Première.'))!;
    const parsed = parseMarkdownFile(appended) as { ok: true; data: { corrections: Array<{ raison: string }> } };
    expect(parsed.data.corrections.map((c) => c.raison)).toEqual(['Première.', 'Identifiant remplacé.']);
    expect(appended.endsWith('Texte où alice apparaît : prestataire: alice.\n')).toBe(true);
  });

  it('refuse une liste écrite sur une ligne plutôt que de la réécrire', () => {
    expect(note('---\nid: m\ncorrections: []\n---\n')).toBeNull();
  });
});
