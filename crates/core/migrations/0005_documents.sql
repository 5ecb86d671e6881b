-- Juri schema: settings of the printed documents per competition (DOMAIN.md §6): letterhead,
-- place and dates, signatories, decree numbers, certificate texts (one JSON value) and the logo.

CREATE TABLE document_settings (
    competition_id TEXT PRIMARY KEY REFERENCES competition(id),
    settings       TEXT NOT NULL DEFAULT '{}',  -- JSON of DocumentSettings; missing keys take the defaults
    logo           BLOB,                        -- PNG or JPEG shown on certificates and beside the letterhead
    updated_at     TEXT NOT NULL
) STRICT;
