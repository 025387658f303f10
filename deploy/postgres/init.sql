-- One database per Kyodo component (a service never reads another's tables).
-- Run once by the postgres image on an empty data directory (/docker-entrypoint-initdb.d),
-- as POSTGRES_USER, who therefore owns every database. Elsewhere: psql -f init.sql as a
-- role allowed to CREATE DATABASE.
--
-- Why the locale clauses: pg_trgm ignores Japanese characters in a database whose LC_CTYPE
-- is C, so each database gets a UTF-8 ctype. template0 because template1 may carry another
-- locale. C.UTF-8 keeps byte-order collation (stable, fast) with UTF-8 character classes.

CREATE DATABASE kyodo_registry
    ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8' TEMPLATE template0;

CREATE DATABASE kyodo_matching
    ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8' TEMPLATE template0;

CREATE DATABASE kyodo_notifications
    ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8' TEMPLATE template0;

CREATE DATABASE kyodo_reports
    ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8' TEMPLATE template0;

CREATE DATABASE kyodo_gateway
    ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8' TEMPLATE template0;
