// How the link report carries failures from one day to the next (nextLinkReport): a link
// is dead only after failing on several daily checks in a row; a second run on the same
// day counts no new day; a link not asked keeps its count; an answer clears it; a day when
// the network was down changes nothing.
import { describe, expect, it } from 'vitest';
import { nextLinkReport, type LinkReport } from '../../src/domain/contribution/links.ts';

const A = 'https://a.example/recu';
const B = 'https://b.example/recu';
const fail = (url: string) => ({ url, statut: null, raison: 'serveur injoignable' });
const run = (date: string, failed: string[], asked = [A, B], networkDown = false) => ({ date, asked, failed: failed.map(fail), skipped: 0, networkDown });

describe('nextLinkReport', () => {
  it('compte les jours de suite, et dit mort au troisième', () => {
    const d1 = nextLinkReport(null, run('2026-03-01', [A]));
    const d2 = nextLinkReport(d1, run('2026-03-02', [A]));
    const d3 = nextLinkReport(d2, run('2026-03-04', [A]));
    expect([d1, d2].map((r) => r.morts)).toEqual([[], []]);
    expect(d2.en_echec).toEqual([{ ...fail(A), depuis: '2026-03-01', jours: 2 }]);
    expect(d3.morts).toEqual([{ ...fail(A), depuis: '2026-03-01', jours: 3 }]);
  });

  it('deux passages le même jour ne font qu’un jour', () => {
    const d1 = nextLinkReport(null, run('2026-03-01', [A]));
    const again = nextLinkReport(d1, run('2026-03-01', [A]));
    expect(again.en_echec).toEqual([{ ...fail(A), depuis: '2026-03-01', jours: 1 }]);
  });

  it('une réponse efface les échecs ; un lien non demandé (budget épuisé) garde son compte', () => {
    const d2 = nextLinkReport(nextLinkReport(null, run('2026-03-01', [A, B])), run('2026-03-02', [A, B]));
    const d3 = nextLinkReport(d2, run('2026-03-03', [], [A]));
    expect(d3.en_echec).toEqual([{ ...fail(B), depuis: '2026-03-01', jours: 2 }]);
    expect(d3.morts).toEqual([]);
  });

  it('réseau coupé : les verdicts de la veille restent', () => {
    const d3 = nextLinkReport(nextLinkReport(nextLinkReport(null, run('2026-03-01', [A])), run('2026-03-02', [A])), run('2026-03-03', [A]));
    const down = nextLinkReport(d3, run('2026-03-04', [A, B], [A, B], true));
    expect(down).toEqual({ ...d3, date: '2026-03-04', reseau_coupe: true });
  });

  it('un rapport écrit avant le compte des jours : ses liens morts le restent', () => {
    const legacy: LinkReport = { date: '2026-03-01', verifies: 2, morts: [fail(A)] };
    expect(nextLinkReport(legacy, run('2026-03-02', [A])).morts).toEqual([{ ...fail(A), depuis: '2026-03-01', jours: 4 }]);
    expect(nextLinkReport(legacy, run('2026-03-02', [])).morts).toEqual([]);
  });
});
