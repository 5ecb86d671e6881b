mod berita_acara;
mod certificates;
mod checklist;
mod monitoring;
mod recap;
mod reliability;
mod score_sheets;
mod sk;
