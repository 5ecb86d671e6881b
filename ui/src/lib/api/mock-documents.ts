// The mock's documents: settings per competition (defaults after crates/core documents_settings),
// the logo, a one-page stand-in PDF for the preview (the browser has no juri-documents), and saves
// that answer with the path the save dialog would have given, with progress and cancel.
import type { Competition } from '../bindings/Competition';
import type { DocumentSettings } from '../bindings/DocumentSettings';
import type { Proposal } from '../bindings/Proposal';
import { isoDateText, type DocumentRequest, type DocumentSettingsView } from '../documents';
const suggestedName = (r: DocumentRequest, year: number) => `${r.kind}-${year}`;
import type { JuriApi } from './index';
import { clone, fail, wait } from './mock-base';

export interface DocumentsDb {
  competition(id: string): Competition;
  proposals(competitionId: string): Proposal[];
}

type DocumentsApi = Pick<
  JuriApi,
  'documentSettings' | 'saveDocumentSettings' | 'setDocumentLogo' | 'previewDocument' | 'saveDocument' | 'cancelDocuments'
>;

/** The region named in `text` (as the core's `find_region`): "… Kabupaten Sukamaju Tahun 2026" → ["Kabupaten", "Sukamaju"]. */
function findRegion(text: string): [string, string] | null {
  const words = text.split(/\s+/).filter(Boolean);
  for (let i = 0; i < words.length; i++) {
    const kind = ({ kabupaten: 'Kabupaten', kota: 'Kota', provinsi: 'Provinsi' } as Record<string, string>)[words[i].toLowerCase()];
    if (!kind) continue;
    const name: string[] = [];
    for (const w of words.slice(i + 1)) {
      if (w.toLowerCase() === 'tahun' || /^\d+$/.test(w) || !/^\p{Lu}/u.test(w)) break;
      name.push(w);
    }
    if (name.length) return [kind, name.join(' ')];
  }
  return null;
}

/** Defaults as the backend derives them: the region from the organiser or the name, a Setda letterhead. */
export function defaultSettings(c: Competition): DocumentSettings {
  const found = findRegion(c.setup.organiser) ?? findRegion(c.setup.name);
  const [kind, name] = found ?? ['Kabupaten', ''];
  const head = `${kind === 'Kota' ? 'WALI KOTA' : kind === 'Provinsi' ? 'GUBERNUR' : 'BUPATI'} ${name.toUpperCase()}`.trim();
  const signatory = (position: string, on_behalf = '') => ({ on_behalf, position, name: '', rank: '', nip: '' });
  return {
    region: found ? `${kind} ${name}` : '',
    kop_lines: [`PEMERINTAH ${kind.toUpperCase()} ${name.toUpperCase()}`.trim(), 'SEKRETARIAT DAERAH'],
    kop_address: [],
    place: c.setup.place || name,
    pleno_date: '',
    pleno_time: '',
    pleno_venue: '',
    berita_acara_number: '',
    jury_sk_number: '',
    jury_sk_date: '',
    sk_number: '',
    sk_date: '',
    announcement_number: '',
    announcement_date: '',
    certificate_date: '',
    stage_dates: {},
    jury_chair: '',
    head: signatory(head),
    secretary: signatory('Sekretaris Daerah', `a.n. ${head}`),
    organiser_head: signatory('Kepala Bagian Organisasi'),
    head_name_in_capitals: false,
    certificate: {
      winner_heading: 'PIAGAM PENGHARGAAN',
      participant_heading: 'SERTIFIKAT',
      number_format: '{no}/PIAGAM/Org/{tahun}',
      body: [
        { text: 'diberikan kepada', style: 'normal' },
        { text: '{unit}', style: 'recipient' },
        { text: 'Inovator: {inovator}', style: 'normal' },
        { text: 'atas inovasi', style: 'normal' },
        { text: '“{judul}”', style: 'title' },
        { text: 'sebagai', style: 'normal' },
        { text: '{predikat}', style: 'predicate' },
        { text: 'dalam {kompetisi}', style: 'normal' },
      ],
      signer: 'head',
      seal_area: true,
    },
  };
}

/** The dates and NIPs the backend checks, with its field names. */
function check(s: DocumentSettings) {
  const dates: [string, string][] = [
    ['tanggal_pleno', s.pleno_date],
    ['tanggal_sk_juri', s.jury_sk_date],
    ['tanggal_sk', s.sk_date],
    ['tanggal_pengumuman', s.announcement_date],
    ['tanggal_piagam', s.certificate_date],
    ...Object.values(s.stage_dates).map((d): [string, string] => ['tanggal_penilaian', d ?? '']),
  ];
  for (const [field, d] of dates)
    if (isoDateText(d, 'id') === null)
      fail('invalid_input', `${field}: tanggal tidak sah: ${d} (tulis TTTT-BB-HH)`, `${field}: not a valid date: ${d} (write YYYY-MM-DD)`);
  for (const p of [s.head, s.secretary, s.organiser_head]) {
    const digits = p.nip.replace(/\s/g, '');
    if (digits !== '' && !/^\d{18}$/.test(digits))
      fail('invalid_input', `nip: NIP tidak sah: ${p.nip} (18 angka)`, `nip: not a valid NIP: ${p.nip} (18 digits)`);
  }
}

/** A one-page PDF with `lines` in Helvetica (ASCII only): the browser preview's stand-in. */
export function standInPdf(lines: string[]): Uint8Array {
  const esc = (l: string) => l.replace(/[^\x20-\x7e]/g, '?').replace(/[\\()]/g, (c) => `\\${c}`);
  const text = `BT /F1 15 Tf 60 770 Td 24 TL ${lines.map((l) => `(${esc(l)}) '`).join(' ')} ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Length ${text.length} >>\nstream\n${text}\nendstream`,
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) out += `${String(off).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(out);
}

export function documentsMock(db: DocumentsDb): DocumentsApi {
  const settings = new Map<string, DocumentSettings>();
  const logos = new Set<string>();
  let cancel = false;

  const view = (id: string): DocumentSettingsView => {
    const s = settings.get(id) ?? defaultSettings(db.competition(id));
    return { settings: clone(s), has_logo: logos.has(id) };
  };

  /** How many certificates a batch would hold (the mock keeps no ranking of its own here). */
  const recipientCount = (id: string, who: string) => {
    const taking = db.proposals(id).filter((p) => p.status === 'lolos_administrasi').length;
    const cats = db.competition(id).setup.categories.length;
    return who === 'participants' ? taking : Math.min(taking, cats * 3);
  };

  const title = (r: DocumentRequest) =>
    ({
      certificates: 'PIAGAM PENGHARGAAN',
      recap: 'REKAPITULASI NILAI',
      score_sheets: 'LEMBAR PENILAIAN',
      berita_acara: 'BERITA ACARA PENILAIAN',
      sk: 'LAMPIRAN KEPUTUSAN',
      xlsx: '',
      csv: '',
    })[r.kind];

  return {
    async documentSettings(competitionId) {
      return view(competitionId);
    },
    async saveDocumentSettings(competitionId, s) {
      db.competition(competitionId);
      check(s);
      settings.set(competitionId, clone(s));
      return view(competitionId);
    },
    async setDocumentLogo(competitionId, bytes) {
      db.competition(competitionId);
      if (bytes === null) logos.delete(competitionId);
      else {
        const png = bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47;
        const jpeg = bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
        if (!(png || jpeg)) fail('invalid_input', 'logo: gambar harus PNG atau JPEG', 'logo: the image must be PNG or JPEG');
        logos.add(competitionId);
      }
      return view(competitionId);
    },
    async previewDocument(competitionId, request) {
      const c = db.competition(competitionId);
      if (request.kind === 'xlsx' || request.kind === 'csv')
        fail('invalid_input', 'Lembar kerja tidak memiliki pratinjau.', 'Spreadsheets have no preview.');
      await wait(200);
      return standInPdf([
        title(request),
        c.setup.name,
        '',
        'Pratinjau peramban (browser preview): the real app',
        'lays the document out with juri-documents.',
        suggestedName(request, c.setup.year),
      ]);
    },
    async saveDocument(competitionId, request, onProgress) {
      const c = db.competition(competitionId);
      cancel = false;
      if (request.kind === 'certificates') {
        const total = recipientCount(competitionId, request.recipients);
        if (total === 0)
          fail('not_found', 'Tidak ada yang dapat dicetak: belum ada penerima.', 'Nothing to print: no recipients.');
        for (let done = 1; done <= total; done++) {
          await wait(Math.min(150, 3000 / total));
          onProgress({ done, total });
          if (cancel) fail('cancelled', 'Dibatalkan; tidak ada yang diubah.', 'Cancelled; nothing was changed.');
        }
        const path = `/home/pengguna/Dokumen/${suggestedName(request, c.setup.year)}`;
        return { path, files: request.each ? total : 1 };
      }
      await wait(300);
      return { path: `/home/pengguna/Dokumen/${suggestedName(request, c.setup.year)}`, files: 1 };
    },
    async cancelDocuments() {
      cancel = true;
    },
  };
}
