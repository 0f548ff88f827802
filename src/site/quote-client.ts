// The script of /calculer/: the team typed in goes through the same quoteBudget as
// npm run calculer and the mission pages, and its result through the same view as the
// page's default team. Nothing leaves the browser.
import type { Regles } from '../../schemas/regles.ts';
import type { Role } from '../../schemas/mission.ts';
import { quoteBudget, type QuoteMember } from '../domain/rules/quote.ts';
import { rulesOn } from '../domain/rules/rules.ts';
import { quoteView } from './quote-view.ts';
import { euros } from '../domain/registry/french.ts';
import { frenchTypography, typesetHtml } from './typography.ts';

interface CalculatorData {
  regles: Regles[];
  /** The network's name by effective date of the rules. */
  reseaux: Record<string, string>;
  equipe: QuoteMember[];
}

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

/** "2,5", "2.5", "1 200" → a number; empty → undefined; anything else → NaN (the check says so). */
function decimal(text: string): number | undefined {
  const cleaned = text.replace(/[\s\u00a0\u202f€]/g, '').replace(',', '.');
  return cleaned === '' ? undefined : Number(cleaned);
}

let rows = 0;

function addMember(list: HTMLElement, template: HTMLTemplateElement, member: QuoteMember | null): void {
  const node = template.content.firstElementChild!.cloneNode(true) as HTMLFieldSetElement;
  const n = ++rows;
  node.querySelector('legend')!.textContent = `Membre ${list.children.length + 1}`;
  for (const input of node.querySelectorAll<HTMLInputElement | HTMLSelectElement>('[data-field]')) {
    const field = input.dataset.field!;
    input.id = `membre-${n}-${field}`;
    node.querySelector<HTMLLabelElement>(`label[data-for="${field}"]`)!.htmlFor = input.id;
    const value = member?.[field as keyof QuoteMember];
    if (value !== undefined) input.value = typeof value === 'number' ? String(value).replace('.', ',') : value;
  }
  list.append(node);
}

function renumber(list: HTMLElement): void {
  [...list.children].forEach((node, i) => (node.querySelector('legend')!.textContent = `Membre ${i + 1}`));
}

function readTeam(list: HTMLElement): QuoteMember[] {
  return [...list.children].map((node) => {
    const value = (field: string) => node.querySelector<HTMLInputElement | HTMLSelectElement>(`[data-field="${field}"]`)!.value;
    const distance = decimal(value('distance_km'));
    const frais = decimal(value('frais_deplacement_eur'));
    return {
      nom: value('nom'),
      role: value('role') as Role,
      jours: decimal(value('jours')) ?? Number.NaN,
      ...(distance === undefined ? {} : { distance_km: distance }),
      ...(frais === undefined ? {} : { frais_deplacement_eur: frais }),
    };
  });
}

export function startCalculator(): void {
  const data = JSON.parse(byId('donnees-calculateur').textContent ?? '{}') as CalculatorData;
  const form = byId<HTMLFormElement>('calculer');
  const list = byId('membres');
  const template = byId<HTMLTemplateElement>('modele-membre');
  const result = byId('resultat');
  const errors = byId('erreurs');
  for (const member of data.equipe) addMember(list, template, member);

  const status = byId('calcul-etat');
  const copy = byId('copie');
  let shownErrors = '';
  const update = () => {
    const date = byId<HTMLInputElement>('debut').value;
    const budget = decimal(byId<HTMLInputElement>('budget').value);
    const rules = rulesOn(data.regles, date);
    const outcome = quoteBudget(data.regles, { date, budget_eur: budget ?? null, equipe: readTeam(list) }, rules ? data.reseaux[rules.en_vigueur_depuis] : '');
    const messages = outcome.ok ? [] : outcome.erreurs;
    // The alert is rewritten only when what it says changes: not at every key typed.
    if (messages.join('\n') !== shownErrors) {
      shownErrors = messages.join('\n');
      errors.replaceChildren();
      if (messages.length > 0) {
        const items = document.createElement('ul');
        for (const message of messages) items.append(Object.assign(document.createElement('li'), { textContent: message }));
        errors.append(Object.assign(document.createElement('p'), { textContent: 'Le calcul attend une correction :' }), items);
      }
    }
    // A result that no longer matches the form is neither shown nor copied.
    result.hidden = !outcome.ok;
    copy.hidden = !outcome.ok;
    if (!outcome.ok) {
      status.textContent = 'Calcul en attente d’une correction.';
      return;
    }
    const b = outcome.quote.budget;
    result.innerHTML = typesetHtml(quoteView(outcome.quote));
    status.textContent = frenchTypography(`Calcul à jour : budget ${euros(b.budget_eur)}, réciprocité attendue ${euros(b.reciprocite_attendue_eur)}, dont ${euros(b.part_reseau_attendue_eur)} pour le réseau.`);
  };

  form.addEventListener('input', update);
  form.addEventListener('change', update);
  form.addEventListener('submit', (event) => event.preventDefault());
  byId('ajouter').addEventListener('click', () => {
    addMember(list, template, null);
    update();
    list.lastElementChild?.querySelector<HTMLInputElement>('[data-field="nom"]')?.focus();
  });
  list.addEventListener('click', (event) => {
    const button = (event.target as HTMLElement).closest('[data-action="retirer"]');
    if (!button) return;
    button.closest('fieldset.membre')?.remove();
    renumber(list);
    update();
    byId('ajouter').focus();
  });
  byId('copier').addEventListener('click', async () => {
    const text = byId<HTMLTextAreaElement>('paragraphe')?.value ?? '';
    try {
      await navigator.clipboard.writeText(text);
      byId('copie-etat').textContent = 'Paragraphe copié.';
    } catch {
      byId<HTMLTextAreaElement>('paragraphe')?.select();
      byId('copie-etat').textContent = 'Copie refusée par le navigateur : le paragraphe est sélectionné, copiez-le avec Ctrl+C.';
    }
  });
  form.hidden = false;
  update();
}
