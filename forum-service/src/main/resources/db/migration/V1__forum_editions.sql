-- A yearly WSIS Forum (held since 2009; seed 000 from line 196).
CREATE TABLE forum_edition (
    year        INT PRIMARY KEY CHECK (year BETWEEN 2009 AND 2100),
    title       TEXT        NOT NULL,
    starts_on   DATE        NOT NULL,
    ends_on     DATE        NOT NULL,
    venue       TEXT        NOT NULL,
    hybrid      BOOLEAN     NOT NULL,
    created_by  TEXT        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK (ends_on >= starts_on)
);
