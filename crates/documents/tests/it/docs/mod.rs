mod berita_acara;
mod certificates;
mod recap;
mod score_sheets;
mod sk;
