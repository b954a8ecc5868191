-- The dashboard's tallies: how many hazards of each town (the first nine digits of the enterprise's
-- region code) count for each figure on each China day and month, and in each state now. Kept by
-- the hazard store in the transaction of every write (see ContributionsSql in hazard_store.cpp
-- for the kinds), so that a city's dashboard sums a few thousand rows instead of counting a
-- million hazards through their enterprises (14 s at 1,000,000 hazards).
--
-- The row ('built', '', '') marks tallies that match the hazards. It is absent here: the app
-- rebuilds the tallies from the hazards when it opens a database without it, so that the counts
-- are defined in one place. Whatever writes hazards around the store deletes the marker.
CREATE TABLE hazard_tallies (
  kind TEXT NOT NULL,
  day TEXT NOT NULL,
  area TEXT NOT NULL,
  n BIGINT NOT NULL,
  PRIMARY KEY (kind, day, area)
);
