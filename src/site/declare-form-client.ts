// The /declarer/ form in the browser. Every check is the schema's own (through
// src/domain/contribution/declaration-text.ts and codes.ts, bundled by Astro): the messages are the
// ones npm run validate and npm run declare print. The file is written by the same
// code as npm run declare.
import { declarationSchema } from '../../schemas/declaration.ts';
import {
  answerProblem,
  buildDeclaration,
  cleanAnswer,
  codeSentence,
  declarationFile,
  declarationYaml,
  futurePaymentProblem,
  moneyLine,
  natureLine,
  parseFrenchNumber,
  saysNothing,
  type AnswerField,
  type DeclarationAnswers,
} from '../domain/contribution/declaration-text.ts';
import { issuesFromZod } from '../domain/registry/schema-issues.ts';
import type { FormData, FormMission } from './declare-form.ts';
import { newFileLink } from './new-file-link.ts';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

/** Today in the person's calendar: the declaration's date, and the limit of a « versé ». */
function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

const errorOf = (input: HTMLElement) =>
  (input.getAttribute('aria-describedby') ? document.getElementById(input.getAttribute('aria-describedby')!) : input.closest('p')?.querySelector('.erreur')) as HTMLElement | null;

/** The schema's verdict on one answer, shown beside it; a « versé » cannot be dated after today. */
function checkField(input: HTMLInputElement | HTMLTextAreaElement, date: string): string | undefined {
  const field = input.dataset.field as AnswerField;
  const value = input.value.trim();
  const row = input.closest('.ligne');
  let problem: string | undefined;
  if (value !== '') problem = answerProblem(field, value);
  else if (field === 'usage' || field === 'description' || field === 'heures' || field === 'montant_eur') problem = 'Cette réponse est obligatoire.';
  if (!problem && field === 'date' && row?.querySelector<HTMLSelectElement>('[data-key="statut"]')?.value === 'verse') problem = futurePaymentProblem(value, date);
  const out = errorOf(input);
  if (out) out.textContent = problem ?? '';
  input.setAttribute('aria-invalid', problem ? 'true' : 'false');
  return problem;
}

/** The list of missions, which follows the chosen name, and the expected share of the chosen mission. */
function missionPicker(data: FormData) {
  const who = $<HTMLSelectElement>('prestataire');
  const mission = $<HTMLSelectElement>('mission');
  const part = $('part');
  /** Each provider's missions, fetched once (src/pages/declarer/missions/[id].json.ts). */
  const missionsOf = new Map<string, Promise<FormMission[] | null>>();
  let current: FormMission[] = [];

  function loadMissions(id: string): Promise<FormMission[] | null> {
    if (!missionsOf.has(id)) {
      missionsOf.set(
        id,
        fetch(`${data.missions}${encodeURIComponent(id)}.json`)
          .then((response) => (response.ok ? (response.json() as Promise<{ missions: FormMission[] }>) : Promise.reject(new Error(String(response.status)))))
          .then((body) => body.missions)
          .catch(() => {
            missionsOf.delete(id);
            return null;
          }),
      );
    }
    return missionsOf.get(id)!;
  }

  async function showMissions() {
    const id = who.value;
    current = [];
    mission.disabled = true;
    mission.replaceChildren(new Option(id ? 'chargement de vos missions…' : '— choisissez d’abord votre nom —', ''));
    showShare();
    if (!id) return;
    const missions = await loadMissions(id);
    if (who.value !== id) return; // another name was chosen meanwhile
    if (missions === null) {
      mission.replaceChildren(new Option('vos missions n’ont pas pu être chargées : choisissez à nouveau votre nom, ou rechargez la page', ''));
      return;
    }
    current = missions;
    mission.replaceChildren(new Option(missions.length ? '— choisissez —' : 'aucune mission commencée avec vous dans l’équipe', ''));
    for (const m of missions) mission.append(new Option(`${m.titre}${m.declaree ? ' (déjà déclarée)' : ''}`, m.id));
    mission.disabled = missions.length === 0;
  }

  function showShare() {
    part.replaceChildren(...shareParagraphs(current.find((x) => x.id === mission.value)));
  }

  return { showMissions, showShare };
}

/** What the form says of a mission: the expected share and its arithmetic, and whether it is already declared. */
function shareParagraphs(m: FormMission | undefined): HTMLElement[] {
  if (!m) return [];
  const paragraph = (text: string) => Object.assign(document.createElement('p'), { textContent: text });
  const head = document.createElement('p');
  const strong = document.createElement('strong');
  strong.textContent = m.part ? `Réciprocité attendue de vous : ${m.part.part_eur.toLocaleString('fr-FR', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} € (argent et nature)` : 'Pas de réciprocité attendue calculable pour cette mission.';
  head.append(strong);
  const out = [head];
  if (m.part) out.push(paragraph(m.part.calcul));
  if (m.declaree) out.push(paragraph('Vous avez déjà déclaré pour cette mission : ce fichier remplacera l’actuel. Pour compléter, partez du fichier existant sur la forge, ou de npm run declare.'));
  return out;
}

function addRow(kind: 'argent' | 'nature', date: string) {
  const template = $<HTMLTemplateElement>(`ligne-${kind}`);
  const row = (template.content.firstElementChild as HTMLElement).cloneNode(true) as HTMLElement;
  const n = $(kind).children.length + 1;
  row.querySelector('legend')!.textContent += ` n° ${n}`;
  row.querySelector<HTMLInputElement>('[data-key="date"]')!.value = date;
  row.querySelectorAll<HTMLInputElement>('input').forEach((input, i) => (input.id = `${kind}-${n}-${i}`));
  row.querySelector('[data-retirer]')!.addEventListener('click', () => row.remove());
  $(kind).append(row);
  row.querySelector<HTMLElement>('select, input')!.focus();
}

/** The answers as typed in the form, each line with the defaults every way of declaring gives it. */
function formAnswers(date: string): DeclarationAnswers {
  const rows = (kind: string) => [...$(kind).querySelectorAll<HTMLElement>('.ligne')];
  const val = (row: HTMLElement, key: string) => (row.querySelector(`[data-key="${key}"]`) as HTMLInputElement).value.trim();
  return {
    prestataire: $<HTMLSelectElement>('prestataire').value,
    mission: $<HTMLSelectElement>('mission').value,
    date,
    communs_utilises: [...document.querySelectorAll<HTMLInputElement>('#communs input[type=checkbox]:checked')].map((box) => ({
      commun: box.dataset.commun!,
      usage: $<HTMLInputElement>(`usage-${box.dataset.commun}`).value.trim(),
    })),
    contributions_argent: rows('argent').map((row) =>
      moneyLine(
        {
          commun: val(row, 'commun'),
          montant_eur: parseFrenchNumber(val(row, 'montant_eur')) ?? NaN,
          statut: val(row, 'statut') as 'verse' | 'promis',
          date: cleanAnswer('date', val(row, 'date')),
          preuve: val(row, 'preuve'),
        },
        date,
      ),
    ),
    contributions_nature: rows('nature').map((row) =>
      natureLine(
        { commun: val(row, 'commun'), description: val(row, 'description'), heures: parseFrenchNumber(val(row, 'heures')) ?? NaN, lien: val(row, 'lien'), date: cleanAnswer('date', val(row, 'date')) },
        date,
      ),
    ),
    pourquoi_rien_donne: $<HTMLTextAreaElement>('pourquoi').value.trim() || undefined,
    commentaire: $<HTMLTextAreaElement>('commentaire').value.trim() || undefined,
  };
}

/** What stops the file from being prepared, in the validator's words; empty when it is ready. */
function formProblems(form: HTMLFormElement, date: string): string[] {
  const problems: string[] = [];
  if (!$<HTMLSelectElement>('prestataire').value) problems.push('Choisissez votre nom.');
  if (!$<HTMLSelectElement>('mission').value) problems.push('Choisissez la mission.');
  const visible = [...form.querySelectorAll<HTMLInputElement>('[data-field]')].filter((input) => !input.closest('[hidden]'));
  for (const input of visible) {
    const problem = checkField(input, date);
    if (problem) problems.push(problem);
  }
  return problems;
}

/** Checks the whole form; when nothing is wrong, lays the file and the three ways to send it in the result. */
function prepare(form: HTMLFormElement, data: FormData, date: string): string[] {
  const problems = formProblems(form, date);
  if (problems.length > 0) return problems;
  const draft = buildDeclaration(formAnswers(date));
  // The validator's own words (declaration_vide); the form's « pourquoi » box is pourquoi_rien_donne.
  if (saysNothing(draft)) return [codeSentence('declaration_vide', {})];
  const parsed = declarationSchema.safeParse(draft);
  if (!parsed.success) {
    return issuesFromZod(declarationSchema, 'declaration', draft, parsed.error.issues).map((issue) => codeSentence(issue.code, { ...issue.params }));
  }
  const text = declarationYaml(draft);
  const path = `content/${declarationFile(draft.prestataire, draft.mission)}`;
  $('chemin').textContent = path;
  $<HTMLTextAreaElement>('fichier').value = text;
  $<HTMLAnchorElement>('forge').href = newFileLink(path, text);
  const subject = `Déclaration de réciprocité : ${draft.prestataire} pour ${draft.mission}`;
  $<HTMLAnchorElement>('courriel').href = `mailto:${data.email}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(`Fichier ${path} :\n\n${text}`)}`;
  return [];
}

/** The list of what to fix, or the result shown and focused. */
function showOutcome(problems: string[]): void {
  const bilan = $('bilan');
  const result = $('resultat');
  bilan.replaceChildren();
  if (problems.length > 0) {
    const list = document.createElement('ul');
    for (const p of problems) list.append(Object.assign(document.createElement('li'), { textContent: p }));
    bilan.append(Object.assign(document.createElement('p'), { textContent: 'À corriger avant de préparer le fichier :' }), list);
    result.hidden = true;
    return;
  }
  result.hidden = false;
  $('resultat-titre').focus();
}

async function copyFile(): Promise<void> {
  await navigator.clipboard.writeText($<HTMLTextAreaElement>('fichier').value).then(
    () => ($('copie').textContent = 'Copié.'),
    () => ($('copie').textContent = 'Copie impossible ici : sélectionnez le texte du fichier et copiez-le.'),
  );
}

function downloadFile(): void {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([$<HTMLTextAreaElement>('fichier').value], { type: 'text/yaml' }));
  link.download = `${$<HTMLSelectElement>('mission').value}.yaml`;
  link.click();
  URL.revokeObjectURL(link.href);
}

/** Coming from a mission page: « Déclarer ma réciprocité » names the provider and the mission. */
function prefillFromAddress(picker: ReturnType<typeof missionPicker>): void {
  const who = $<HTMLSelectElement>('prestataire');
  const mission = $<HTMLSelectElement>('mission');
  const params = new URLSearchParams(location.search);
  if (params.get('prestataire') && [...who.options].some((o) => o.value !== '' && o.value === params.get('prestataire'))) {
    who.value = params.get('prestataire')!;
    void picker.showMissions().then(() => {
      if ([...mission.options].some((o) => o.value === params.get('mission'))) mission.value = params.get('mission')!;
      picker.showShare();
    });
  }
}

export function startDeclareForm(): void {
  const data = JSON.parse($('donnees-formulaire').textContent ?? '{}') as FormData;
  const form = $<HTMLFormElement>('declarer');
  const date = today();
  const picker = missionPicker(data);

  $('prestataire').addEventListener('change', picker.showMissions);
  $('mission').addEventListener('change', picker.showShare);
  $('ajouter-argent').addEventListener('click', () => addRow('argent', date));
  $('ajouter-nature').addEventListener('click', () => addRow('nature', date));
  form.addEventListener('change', (event) => {
    const box = event.target as HTMLInputElement;
    if (box.type === 'checkbox' && box.dataset.commun) (box.closest('.commun')!.querySelector('.usage') as HTMLElement).hidden = !box.checked;
  });
  form.addEventListener('input', (event) => {
    const input = event.target as HTMLInputElement;
    if (input.dataset.field) checkField(input, date);
    $('resultat').hidden = true;
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    showOutcome(prepare(form, data, date));
  });
  $('copier').addEventListener('click', copyFile);
  $('telecharger').addEventListener('click', downloadFile);
  prefillFromAddress(picker);
}
