// Sample data for the in-browser mock: the templates and the Sukamaju 2026 demo of DOMAIN.md §7.
import type { CategorySetup } from '../bindings/CategorySetup';
import type { CriterionSetup } from '../bindings/CriterionSetup';
import type { Setup } from '../bindings/Setup';
import type { TemplateInfo } from '../bindings/TemplateInfo';

export const TEMPLATES: TemplateInfo[] = [
  {
    code: 'kabupaten',
    name_id: 'Kabupaten: proposal, presentasi dan wawancara',
    name_en: 'Regency: proposal, presentation and interview',
    description_id:
      'Penilaian proposal (bobot 30, tujuh aspek KIPP, skala 0–100, 3 finalis per kategori) lalu presentasi dan wawancara (bobot 70, skala 0–10).',
    description_en:
      'Proposal evaluation (weight 30, seven KIPP aspects, 0–100, 3 finalists per category), then presentation and interview (weight 70, 0–10).',
  },
  {
    code: 'kipp-proposal',
    name_id: 'KIPP: evaluasi proposal (Kelompok Umum)',
    name_en: 'KIPP: proposal evaluation (general group)',
    description_id: 'Satu tahap penilaian proposal dengan tujuh aspek berbobot KIPP 2023, skala 0–100.',
    description_en: 'One desk stage with the seven weighted KIPP 2023 aspects, scale 0–100.',
  },
  {
    code: 'iga-presentasi',
    name_id: 'IGA: presentasi kepala daerah',
    name_en: 'IGA: presentation by the head of region',
    description_id:
      'Satu tahap presentasi: kebaharuan 30, kemanfaatan 25, kewenangan dan kolaborasi 15, replikasi 20, penyajian 10.',
    description_en:
      'One presentation stage: novelty 30, benefit 25, authority and collaboration 15, replication 20, presentation 10.',
  },
];

const crit = (code: string, name: string, description: string, weight: number, min: number, max: number): CriterionSetup => ({
  code,
  name,
  description,
  weight,
  min,
  max,
});

const kippAspects = (): CriterionSetup[] => [
  crit('latar_belakang', 'Latar belakang dan tujuan', 'Masalah yang dijawab dan tujuan inovasi jelas.', 10, 0, 100),
  crit('kebaruan', 'Kebaruan / nilai tambah', 'Hal baru atau modifikasi yang memberi nilai tambah.', 15, 0, 100),
  crit('implementasi', 'Implementasi inovasi', 'Inovasi sudah diterapkan dan berjalan.', 5, 0, 100),
  crit('signifikansi', 'Signifikansi', 'Dampak nyata dan terukur bagi penerima layanan.', 30, 0, 100),
  crit('adaptabilitas', 'Adaptabilitas', 'Dapat ditiru dan diterapkan di tempat lain.', 20, 0, 100),
  crit('sumber_daya', 'Sumber daya', 'Sumber daya manusia, anggaran dan sarana yang dipakai.', 5, 0, 100),
  crit('keberlanjutan', 'Strategi keberlanjutan', 'Dukungan regulasi, anggaran dan SDM agar berlanjut.', 15, 0, 100),
];

const categories = (): CategorySetup[] => [
  { code: 'TK', name: 'Tata Kelola Pemerintahan', quota: 3 },
  { code: 'KS', name: 'Kesehatan', quota: 3 },
  { code: 'PM', name: 'Pemberdayaan Masyarakat dan Inklusi', quota: 3 },
  { code: 'LH', name: 'Lingkungan Hidup', quota: 3 },
];

export function templateSetup(code: string, name: string, year: number): Setup | null {
  const base = (stages: Setup['stages'], tie_break: string[]): Setup => ({
    name,
    year,
    organiser: '',
    place: '',
    categories: categories(),
    stages,
    tie_break,
    normalisation: 'none',
    disagreement_threshold: 15,
  });
  switch (code) {
    case 'kabupaten':
      return base(
        [
          { code: 'proposal', name: 'Penilaian Proposal', kind: 'desk', weight: 30, finalists_per_category: 3, criteria: kippAspects() },
          {
            code: 'presentasi',
            name: 'Presentasi dan Wawancara',
            kind: 'venue',
            weight: 70,
            criteria: [
              crit('kebaruan', 'Kebaruan', 'Unsur kebaruan inovasi (skala 0–10, kelipatan 0,5).', 30, 0, 10),
              crit('kemanfaatan', 'Kemanfaatan', 'Manfaat nyata bagi masyarakat (skala 0–10).', 30, 0, 10),
              crit('replikasi', 'Replikasi dan keberlanjutan', 'Dapat ditiru dan berkelanjutan (skala 0–10).', 30, 0, 10),
              crit('penyajian', 'Penyajian', 'Penguasaan materi dan kualitas penyajian (skala 0–10).', 10, 0, 10),
            ],
          },
        ],
        ['stage:presentasi', 'criterion:presentasi/kemanfaatan'],
      );
    case 'kipp-proposal':
      return base(
        [{ code: 'proposal', name: 'Evaluasi Proposal', kind: 'desk', weight: 100, criteria: kippAspects() }],
        ['criterion:proposal/signifikansi', 'criterion:proposal/kebaruan'],
      );
    case 'iga-presentasi':
      return base(
        [
          {
            code: 'presentasi',
            name: 'Presentasi Kepala Daerah',
            kind: 'venue',
            weight: 100,
            criteria: [
              crit('kebaharuan', 'Kebaharuan', 'Inovasi baru atau modifikasi yang bernilai tambah.', 30, 0, 100),
              crit('kemanfaatan', 'Kemanfaatan', 'Manfaat bagi masyarakat dan pemerintah daerah.', 25, 0, 100),
              crit('kewenangan', 'Kewenangan daerah dan kolaborasi', 'Sesuai kewenangan daerah; melibatkan mitra.', 15, 0, 100),
              crit('replikasi', 'Replikasi dan aplikatif', 'Dapat direplikasi dan diterapkan.', 20, 0, 100),
              crit('penyajian', 'Penguasaan materi / kualitas penyajian', 'Penguasaan materi dan penyajian kepala daerah.', 10, 0, 100),
            ],
          },
        ],
        ['criterion:presentasi/kebaharuan', 'criterion:presentasi/kemanfaatan'],
      );
    default:
      return null;
  }
}

export const DEMO_NAME = 'Kompetisi Inovasi Pelayanan Publik Kabupaten Sukamaju Tahun 2026';

export const UNITS: Record<string, [string, string]> = {
  U01: ['Dinas Kesehatan', 'OPD'],
  U02: ['Puskesmas Karangsari', 'OPD'],
  U03: ['RSUD Sukamaju', 'OPD'],
  U04: ['Dinas Kependudukan dan Pencatatan Sipil', 'OPD'],
  U05: ['Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu', 'OPD'],
  U06: ['Dinas Komunikasi dan Informatika', 'OPD'],
  U07: ['Dinas Lingkungan Hidup', 'OPD'],
  U08: ['Badan Perencanaan Pembangunan Daerah', 'OPD'],
  U09: ['Kecamatan Karangsari', 'OPD'],
  U10: ['Desa Mekarjaya', 'Pemdes'],
  U11: ['Desa Sindangwangi', 'Pemdes'],
  U12: ['Perumda Air Minum Tirta Sukamaju', 'BUMD'],
};

/** (code, title, category, unit code, start year, summary) */
export const DEMO_PROPOSALS: [string, string, string, string, number, string][] = [
  ['P-001', 'SIGAP BUMIL (Siaga Gerak Cepat Ibu Hamil Berisiko Tinggi)', 'KS', 'U02', 2023, 'Ibu hamil risiko tinggi dicatat bidan dan kader, dikunjungi dalam 24 jam.'],
  ['P-002', 'ANTRI SEHAT (Antrean Rumah Sakit dari Rumah)', 'KS', 'U03', 2022, 'Antrean rawat jalan lewat WhatsApp dan web, dengan perkiraan jam panggil.'],
  ['P-003', 'POSBINDU KELILING', 'KS', 'U01', 2021, 'Mobil skrining penyakit tidak menular mendatangi pasar dan pabrik.'],
  ['P-004', 'RUMAH GIZI DESA', 'KS', 'U11', 2024, 'Penimbangan balita dan makanan tambahan dari dana desa cegah stunting.'],
  ['P-005', 'RESEP ANTAR (Resep Diantar untuk Pasien Kronis)', 'KS', 'U03', 2023, 'Obat bulanan pasien kronis diantar ke rumah.'],
  ['P-006', 'DESA CAKAP (Desa Cetak Dokumen Kependudukan Mandiri)', 'TK', 'U04', 2022, 'Kantor desa mencetak KK dan akta kelahiran setelah verifikasi daring.'],
  ['P-007', 'IZIN TUNTAS (Izin Usaha Tuntas Tiga Hari)', 'TK', 'U05', 2023, 'Satu meja perizinan usaha, pelacakan daring, janji layanan tiga hari.'],
  ['P-008', 'SUKAMAJU MENJAWAB', 'TK', 'U06', 2021, 'Satu kanal pengaduan diteruskan ke OPD, dengan dasbor waktu tanggap.'],
  ['P-009', 'SIMRENA (Sistem Informasi Musrenbang Daring)', 'TK', 'U08', 2022, 'Usulan musrenbang desa dipantau daring sampai masuk anggaran.'],
  ['P-010', 'PATEN KELILING', 'TK', 'U09', 2024, 'Layanan kecamatan hadir di desa pada hari pasaran.'],
  ['P-011', 'PADARING (Pasar Desa Daring)', 'PM', 'U10', 2024, 'Pasar daring BUMDes untuk produk warga, diantar kurir desa.'],
  ['P-012', 'KLINIK UMKM NAIK KELAS', 'PM', 'U05', 2022, 'Pendampingan mingguan UMKM: NIB, sertifikat halal, label produk.'],
  ['P-013', 'SAMBUNG CICIL (Sambungan Air Bersih Cicilan)', 'PM', 'U12', 2023, 'Warga miskin mencicil biaya sambungan baru selama 12 bulan.'],
  ['P-014', 'LUMBUNG PANGAN DESA DIGITAL', 'PM', 'U11', 2025, 'Simpan-pinjam beras lumbung desa dicatat dalam aplikasi.'],
  ['P-015', 'JEBOL DILAN (Jemput Bola KTP-el bagi Difabel dan Lansia)', 'PM', 'U04', 2026, 'Perekaman KTP-el di rumah warga difabel dan lansia.'],
  ['P-016', 'SEDEKAH JELANTAH', 'LH', 'U07', 2022, 'Minyak jelantah dikumpulkan untuk biodiesel; poin ditukar sembako.'],
  ['P-017', 'SILAMPAH (Sistem Laporan Sampah Liar)', 'LH', 'U07', 2023, 'Laporan timbunan sampah liar dengan foto bertitik lokasi.'],
  ['P-018', 'ADOPSI MATA AIR', 'LH', 'U12', 2021, 'Sekolah dan perusahaan mengadopsi mata air dan merawat pohonnya.'],
  ['P-019', 'GESIT (Gerakan Sungai Bersih Terpadu)', 'LH', 'U09', 2022, 'Bersih sungai bulanan bergilir antardesa; sampah ditimbang.'],
  ['P-020', 'SILIMEDIS (Sistem Pemantauan Limbah Medis)', 'LH', 'U01', 2024, 'Wadah ber-QR melacak limbah medis puskesmas sampai pemusnahan.'],
];

export const DEMO_STATUS: Record<string, ['tidak_lolos_administrasi' | 'mengundurkan_diri', string]> = {
  'P-015': ['tidak_lolos_administrasi', 'Inovasi baru berjalan sejak 2026; belum memenuhi syarat minimal satu tahun penerapan.'],
  'P-012': ['mengundurkan_diri', 'Unit mengundurkan diri dengan surat resmi selama penilaian proposal.'],
};
