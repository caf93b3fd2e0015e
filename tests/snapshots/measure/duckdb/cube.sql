SELECT
  "t0"."agency_code",
  "t0"."rm",
  "t0"."dm",
  "t0"."fm",
  COUNT(*) AS "n",
  COUNT_IF("t0"."channel" = 'online_full') AS "n_full",
  COUNT_IF("t0"."channel" = 'online_partial') AS "n_partial",
  COUNT_IF("t0"."fee_vnd" > 0) AS "n_fee",
  COUNT_IF((
    "t0"."fee_vnd" > 0
  ) AND "t0"."paid_online") AS "n_fee_paid_online",
  COUNT_IF("t0"."on_time") AS "n_finished_on_time"
FROM "records" AS "t0"
GROUP BY
  1,
  2,
  3,
  4
