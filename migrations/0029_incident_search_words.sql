-- Incident `search` at a million incidents (issue #24, docs/operations.md
-- "Reads at scale"). `search` is a case-insensitive substring of the title and
-- the description (ILIKE). The trigram index of 0016 answered it with a bitmap
-- of every incident holding the term's trigrams: 20–80 ms for trigrams that
-- most incidents hold ("ate" of "rate"), whatever the term's own matches.
-- It is replaced by an index of the words' suffixes: every suffix of every word
-- of the lower-cased text (a word: a run of characters other than ASCII
-- punctuation, spaces and controls), cut to its first 8 characters, is a
-- lexeme. A term found in the text is then found in the index:
--   - a word of the term followed by a separator ends a word of the text: its
--     suffix there is exactly that word (cut to 8): an exact lexeme;
--   - the term's last word (or its only one) starts somewhere inside a word of
--     the text: a suffix starts with it, a prefix query 'word':*.
-- The lexemes of the term's words are ANDed (incident_search_query); the index
-- finds a superset of the matches and the ILIKE kept in every statement makes
-- it exact. A bitmap of this index costs what the term's matches hold, not what
-- its trigrams do. The repository walks the newest incidents instead when the
-- term is common (common/storage/incidents/incident_repository.cpp).
--
-- ILIKE compares lower(text) with lower(pattern) in this database's encoding
-- (UTF-8), and both functions lower the same way, so the index never misses a
-- match whatever the collation. The separators are ASCII only: letters of any
-- other script are word characters.

-- The separators: ASCII controls, space, punctuation and symbols (0x01–0x2f,
-- 0x3a–0x40, 0x5b–0x60, 0x7b–0x7f), each turned into a space.
CREATE FUNCTION incident_search_spaced(t text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
    SELECT translate(lower(t),
        E'\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f !"#$%&''()*+,-./:;<=>?@[\\]^_`{|}~\x7f',
        repeat(' ', 65))
$$;

-- The lexemes of a text: every word's suffixes, cut to 8 characters, some 90 µs
-- for a 250-character text. A text of more than 4,000 characters is one
-- lexeme, '#long', that every query also looks for (such incidents are always
-- read and checked by ILIKE): a word's suffixes cost the square of its length
-- (substr counts characters from the start), 60 ms for a single 4,000-character
-- word, 1 s for 20,000 (the API takes 20,200 characters), and a write must not
-- wait for that.
CREATE FUNCTION incident_search_words(t text) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
    SELECT CASE WHEN char_length(t) > 4000 THEN array_to_tsvector('{#long}')
        ELSE array_to_tsvector(ARRAY(
            SELECT substr(w, p, 8)
              FROM string_to_table(incident_search_spaced(t), ' ') w,
                   generate_series(1, char_length(w)) p))
    END
$$;

-- The query of a search term: the lexemes its matches hold (above), ANDed, with
-- '#long' ORed. At most the 6 longest words of the term (fewer lexemes to read,
-- still a superset), leaving out those in `common` unless all are: a lexeme
-- that most incidents hold ("error", "rate") only makes the index read longer
-- lists. A last word of one character is too common to look up. NULL when no
-- word is left (a term of punctuation, or of one character): then the index
-- cannot help.
CREATE FUNCTION incident_search_query(term text, common text[]) RETURNS tsquery
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
    WITH words AS (
        SELECT DISTINCT substr(w, 1, 8) AS lexeme, last AND w <> '' AS prefix, char_length(w) AS length
          FROM (SELECT w, n = count(*) OVER () AS last
                  FROM unnest(string_to_array(incident_search_spaced(term), ' '))
                       WITH ORDINALITY AS x(w, n)) split
         WHERE w <> '' AND NOT (last AND char_length(w) < 2)),
    kept AS (
        SELECT * FROM words
         WHERE lexeme <> ALL (common)
            OR NOT EXISTS (SELECT FROM words WHERE lexeme <> ALL (common))
         ORDER BY length DESC, lexeme
         LIMIT 6)
    SELECT ('(' || string_agg('''' || lexeme || '''' || CASE WHEN prefix THEN ':*' ELSE '' END, ' & ')
            || ') | ''#long''')::tsquery
      FROM kept
    HAVING count(*) > 0
$$;

-- The lexemes in more than a fifth of the incidents, from the index's
-- statistics (ANALYZE); none for a role that may not read them.
CREATE FUNCTION incident_search_common() RETURNS text[]
    LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT coalesce(array_agg(e), '{}')
      FROM pg_stats s,
           unnest(s.most_common_elems::text::text[], s.most_common_elem_freqs) AS m(e, f)
     WHERE s.schemaname = current_schema() AND s.tablename = 'incidents_search_words_idx'
       AND e IS NOT NULL AND f > 0.2
$$;

-- IF [NOT] EXISTS as in 0014: an operator with many incidents can build the
-- index beforehand with CREATE INDEX CONCURRENTLY (about 6 minutes for a million
-- incidents on two cores), then drop the trigram one.
CREATE INDEX IF NOT EXISTS incidents_search_words_idx ON incidents
    USING gin (incident_search_words(title || ' ' || description));
DROP INDEX IF EXISTS incidents_search_idx;

ANALYZE incidents;
