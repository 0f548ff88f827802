// What each entity page shows, reduced to a fingerprint, so that an incremental
// build renders only the pages whose inputs changed. Each bundle lists everything its
// page reads; tests compare an incremental build with a full one, file by file.
import { createHash } from 'node:crypto';
import { attestationYears } from '../domain/rules/attestation.ts';
import { missionsOf } from '../domain/rules/standing.ts';
import type { SiteData } from './data.ts';
import { formProvider } from './declare-form.ts';
import type { History } from './history.ts';

/** Rows a commons page lists before pointing to the open data (see communs/[id].astro). */
export const COMMUN_PAGE_LIMIT = 50;

const hash = (value: unknown) => createHash('sha1').update(JSON.stringify(value)).digest('base64url');

/** Output path (relative to the site folder) of each entity page -> fingerprint of its inputs. */
export function pageFingerprints(data: SiteData, history: History): Record<string, string> {
  const { registry } = data;
  const name = {
    prestataire: (id: string) => registry.prestataires.get(id)?.data.nom ?? id,
    mission: (id: string) => registry.missions.get(id)?.data.titre ?? id,
    commun: (id: string) => registry.communs.get(id)?.data.nom ?? id,
  };
  const out: Record<string, string> = {};
  // The journal of a provider (its page and journal.xml) reads every rules file.
  const rules = hash(registry.regles.map((r) => r.data));

  for (const entry of registry.prestataires.values()) {
    const id = entry.data.id;
    const f = data.prestataireFigures.get(id)!;
    const declarations = data.declarationsBy(id).map((d) => d.data);
    const communs = new Set([...f.communs_contribues, ...declarations.flatMap((d) => [...d.communs_utilises, ...d.contributions_argent, ...d.contributions_nature].map((c) => c.commun))]);
    out[`prestataires/${id}/index.html`] = hash({
      entry: [entry.data, entry.body, history.files.get(entry.file) ?? null],
      f,
      missions: f.missions.map((m) => {
        const mission = registry.missions.get(m)!.data;
        return [mission.titre, mission.statut, data.missionFigures.get(m)!.membres.find((x) => x.prestataire === id)];
      }),
      declarations,
      names: [...declarations.map((d) => name.mission(d.mission)), ...[...communs].sort().map(name.commun)],
      // The journal (page and prestataires/<id>/journal.xml): the dates of its missions, and the rules.
      journal: [missionsOf(registry, id).map((m) => [m.id, m.titre, m.statut, m.debut, m.fin, m.date_appel]), rules],
      // Its yearly attestations (written with the page): each mission's budget, team and abandonment, and the years.
      attestations: [missionsOf(registry, id).map((m) => [m.budget_eur, m.equipe, m.abandon?.date ?? null]), attestationYears(registry, id, data.date)],
    });
    out[`badges/${id}.svg`] = hash(f.situation);
    // The form's file carries the profile, the missions and declarations, the receipts: all it reads.
    out[`declarer/missions/${id}.json`] = hash(formProvider(data, id));
  }

  for (const entry of registry.missions.values()) {
    const m = entry.data;
    const f = data.missionFigures.get(m.id)!;
    const rules = registry.regles.find((r) => r.data.en_vigueur_depuis === f.regles)?.data;
    out[`missions/${m.id}/index.html`] = hash({
      entry: [m, entry.body, history.files.get(entry.file) ?? null],
      f,
      criteres: rules?.portage.criteres ?? null,
      // An open call says which membership rate may answer (CallAnswer.astro).
      adhesion: rules?.adhesion ?? null,
      exemple: rules?.exemple ?? false,
      names: [m.portage.chef_de_file ?? '', ...m.equipe.map((x) => x.prestataire)].map(name.prestataire),
      // The payments listed with their confirmation (Payment.astro): lines and commons' names.
      payments: data.declarationsFor(m.id).map((d) => d.data.contributions_argent.map((c) => [c, name.commun(c.commun)])),
      // The in-kind lines listed with their confirmation (InKindState.astro).
      gifts: data.declarationsFor(m.id).map((d) => d.data.contributions_nature.map((c) => [c, name.commun(c.commun)])),
    });
  }

  for (const entry of registry.communs.values()) {
    const c = entry.data;
    const f = data.communFigures.get(c.id)!;
    const inKind = data.inKindTo(c.id);
    const money = data.moneyTo(c.id);
    const shown = inKind.slice(0, COMMUN_PAGE_LIMIT);
    out[`communs/${c.id}/index.html`] = hash({
      entry: [c, entry.body, history.files.get(entry.file) ?? null],
      f,
      inKind: [inKind.length, shown, shown.map((n) => name.prestataire(n.prestataire))],
      money: [money.length, money.slice(0, COMMUN_PAGE_LIMIT).map((m) => [m, name.prestataire(m.prestataire), name.mission(m.mission)])],
      // ExampleRulesNotice: the rules of the missions the money came from.
      exemple: data.byExampleRules(money.map((m) => data.missionFigures.get(m.mission)?.regles)),
      missions: f.missions.slice(0, COMMUN_PAGE_LIMIT).map(name.mission),
      contributeurs: f.contributeurs.slice(0, COMMUN_PAGE_LIMIT).map(name.prestataire),
      // Its calendar, feed and JSON document (written with the page) list every payment to confirm.
      echeances: data.deadlines.commun(c.id),
    });
  }
  return out;
}
