-- How many enterprises each village has, kept by the registry's store in the transaction of every
-- write: the total of a district's page is then a sum over its hundred villages instead of a
-- count over its enterprises (a count over a million rows costs ~10 ms in SQLite, too slow for
-- every page).
CREATE TABLE enterprise_region_counts (
  region_code TEXT PRIMARY KEY,
  enterprises BIGINT NOT NULL
);
INSERT INTO enterprise_region_counts (region_code, enterprises)
  SELECT region_code, COUNT(*) FROM enterprises GROUP BY region_code;

-- The orders the list offers, so that a page of a wide scope is read in order and stops after
-- its rows instead of sorting the whole scope.
CREATE INDEX enterprises_employees ON enterprises (employees DESC, id);
CREATE INDEX enterprises_updated ON enterprises (updated_at, id);

-- The region index also carries the columns the list filters on most, so that counting a
-- filtered scope reads the index alone (a district of a million-enterprise city: ~18 ms instead
-- of ~500 ms through the rows).
DROP INDEX enterprises_region;
CREATE INDEX enterprises_region ON enterprises (region_code, industry_code, status, scale, id);
