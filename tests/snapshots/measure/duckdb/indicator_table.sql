WITH "t1" AS (
  SELECT
    *
  FROM "cube" AS "t0"
  WHERE
    "t0"."rm" IN (24288, 24289)
)
SELECT
  *
FROM (
  SELECT
    *
  FROM (
    SELECT
      *
    FROM (
      SELECT
        'ontime_rate' AS "indicator",
        "t6"."agency_code",
        "t6"."month",
        "t6"."numerator",
        "t6"."denominator"
      FROM (
        SELECT
          "t2"."agency_code",
          "t2"."fm" AS "month",
          SUM("t2"."n_finished_on_time") AS "numerator",
          SUM("t2"."n") AS "denominator"
        FROM (
          SELECT
            *
          FROM "cube" AS "t0"
          WHERE
            "t0"."fm" IN (24288, 24289)
        ) AS "t2"
        GROUP BY
          1,
          2
      ) AS "t6"
    ) AS "t13"
    UNION ALL
    SELECT
      *
    FROM (
      SELECT
        'overdue_unfinished_eom' AS "indicator",
        "t14"."agency_code",
        "t14"."month",
        "t14"."numerator",
        "t14"."denominator"
      FROM (
        SELECT
          *
        FROM (
          SELECT
            "t4"."agency_code",
            24288 AS "month",
            SUM("t4"."n") AS "numerator",
            CAST(NULL AS BIGINT) AS "denominator"
          FROM (
            SELECT
              *
            FROM "cube" AS "t0"
            WHERE
              "t0"."dm" <= 24288
              AND (
                (
                  "t0"."fm" IS NULL
                ) OR (
                  "t0"."fm" > 24288
                )
              )
          ) AS "t4"
          GROUP BY
            1
        ) AS "t11"
        UNION ALL
        SELECT
          *
        FROM (
          SELECT
            "t5"."agency_code",
            24289 AS "month",
            SUM("t5"."n") AS "numerator",
            CAST(NULL AS BIGINT) AS "denominator"
          FROM (
            SELECT
              *
            FROM "cube" AS "t0"
            WHERE
              "t0"."dm" <= 24289
              AND (
                (
                  "t0"."fm" IS NULL
                ) OR (
                  "t0"."fm" > 24289
                )
              )
          ) AS "t5"
          GROUP BY
            1
        ) AS "t12"
      ) AS "t14"
    ) AS "t21"
  ) AS "t23"
  UNION ALL
  SELECT
    *
  FROM (
    SELECT
      *
    FROM (
      SELECT
        *
      FROM (
        SELECT
          'dossiers_received' AS "indicator",
          "t7"."agency_code",
          "t7"."month",
          "t7"."numerator",
          "t7"."denominator"
        FROM (
          SELECT
            "t3"."agency_code",
            "t3"."rm" AS "month",
            SUM("t3"."n") AS "numerator",
            CAST(NULL AS BIGINT) AS "denominator"
          FROM "t1" AS "t3"
          GROUP BY
            1,
            2
        ) AS "t7"
      ) AS "t15"
      UNION ALL
      SELECT
        *
      FROM (
        SELECT
          'online_fullprocess_dossier_rate' AS "indicator",
          "t8"."agency_code",
          "t8"."month",
          "t8"."numerator",
          "t8"."denominator"
        FROM (
          SELECT
            "t3"."agency_code",
            "t3"."rm" AS "month",
            SUM("t3"."n_full") AS "numerator",
            SUM("t3"."n") AS "denominator"
          FROM "t1" AS "t3"
          GROUP BY
            1,
            2
        ) AS "t8"
      ) AS "t16"
    ) AS "t19"
    UNION ALL
    SELECT
      *
    FROM (
      SELECT
        *
      FROM (
        SELECT
          'online_partial_dossier_rate' AS "indicator",
          "t9"."agency_code",
          "t9"."month",
          "t9"."numerator",
          "t9"."denominator"
        FROM (
          SELECT
            "t3"."agency_code",
            "t3"."rm" AS "month",
            SUM("t3"."n_partial") AS "numerator",
            SUM("t3"."n") AS "denominator"
          FROM "t1" AS "t3"
          GROUP BY
            1,
            2
        ) AS "t9"
      ) AS "t17"
      UNION ALL
      SELECT
        *
      FROM (
        SELECT
          'online_payment_rate' AS "indicator",
          "t10"."agency_code",
          "t10"."month",
          "t10"."numerator",
          "t10"."denominator"
        FROM (
          SELECT
            "t3"."agency_code",
            "t3"."rm" AS "month",
            SUM("t3"."n_fee_paid_online") AS "numerator",
            SUM("t3"."n_fee") AS "denominator"
          FROM "t1" AS "t3"
          GROUP BY
            1,
            2
        ) AS "t10"
      ) AS "t18"
    ) AS "t20"
  ) AS "t22"
) AS "t24"
ORDER BY
  "t24"."indicator" ASC,
  "t24"."agency_code" ASC,
  "t24"."month" ASC
