-- A service's own first migration, as every service had one next to the shared V0_1/V0_2 until issue 19.
CREATE TABLE entry (id BIGINT PRIMARY KEY, title TEXT NOT NULL);
