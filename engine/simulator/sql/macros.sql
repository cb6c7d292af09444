-- Deterministic randomness for the SQL expansion: every draw is a hash of (seed, merchant, day,
-- payment, purpose), so a run is reproducible whatever the thread count or batch order.
-- A 64-bit hash holds four 16-bit uniforms (slices 0 to 3). Shifts are written as literals,
-- one macro per slice: a shift by a computed amount costs several times more per row.
CREATE OR REPLACE MACRO sim_u0(h) AS (((h) & 65535)::DOUBLE + 0.5) / 65536;
CREATE OR REPLACE MACRO sim_u1(h) AS ((((h) >> 16) & 65535)::DOUBLE + 0.5) / 65536;
CREATE OR REPLACE MACRO sim_u2(h) AS ((((h) >> 32) & 65535)::DOUBLE + 0.5) / 65536;
CREATE OR REPLACE MACRO sim_u3(h) AS ((((h) >> 48))::DOUBLE + 0.5) / 65536;
-- sim_normal(h): a standard normal from the two 32-bit halves of h (Box-Muller), for ticket
-- sizes, whose tails matter (limits, verification).
CREATE OR REPLACE MACRO sim_normal(h) AS
  sqrt(-2 * ln((((h) & 4294967295)::DOUBLE + 0.5) / 4294967296))
  * cos(2 * pi() * ((((h) >> 32)::DOUBLE + 0.5) / 4294967296));
-- sim_normal4(h): a cheap near-normal (Irwin-Hall: the sum of the four 16-bit uniforms of h,
-- centred and scaled; bounded at ±3.46), for day-level demand noise.
CREATE OR REPLACE MACRO sim_normal4(h) AS
  ((((h) & 65535) + (((h) >> 16) & 65535) + (((h) >> 32) & 65535) + ((h) >> 48))::DOUBLE / 65535.0 - 2.0) * 1.7320508075688772;
-- sim_tri_lo(h), sim_tri_hi(h): cheaper still, from two 16-bit uniforms (slices 0 and 1, or 2
-- and 3): triangular, unit variance, bounded at ±2.45. For shares and counts, whose noise only
-- needs the right spread.
CREATE OR REPLACE MACRO sim_tri_lo(h) AS
  (((h) & 65535) + (((h) >> 16) & 65535))::DOUBLE / 65535.0 * 2.449489742783178 - 2.449489742783178;
CREATE OR REPLACE MACRO sim_tri_hi(h) AS
  ((((h) >> 32) & 65535) + ((h) >> 48))::DOUBLE / 65535.0 * 2.449489742783178 - 2.449489742783178;
-- sim_count(mean, z): a Poisson count by its normal approximation, never negative.
CREATE OR REPLACE MACRO sim_count(mean, z) AS
  greatest(0, round((mean) + sqrt(mean) * (z)))::INTEGER;
-- sim_share(p, n, z): an observed share of n trials around probability p, kept in [0, 1].
CREATE OR REPLACE MACRO sim_share(p, n, z) AS
  least(1.0, greatest(0.0, (p) + sqrt((p) * (1 - (p)) / greatest(n, 1)) * (z)));
