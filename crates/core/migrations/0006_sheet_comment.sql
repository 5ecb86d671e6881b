-- Juri schema v6: a judge's optional comment on a proposal's sheet in a stage.

CREATE TABLE sheet_comment (
    judge_id    TEXT NOT NULL REFERENCES judge(id),
    proposal_id TEXT NOT NULL REFERENCES proposal(id),
    stage_id    TEXT NOT NULL REFERENCES stage(id),
    comment     TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    PRIMARY KEY (judge_id, proposal_id, stage_id)
) STRICT;
