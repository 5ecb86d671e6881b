mod berita_acara;
mod certificates;
mod checklist;
mod monitoring;
mod recap;
mod score_sheets;
mod sk;
