SELECT
  *
FROM (
  SELECT
    `t1`.`agency_code`,
    24288 AS `month`,
    SUM(`t1`.`n`) AS `numerator`,
    CAST(NULL AS BIGINT) AS `denominator`
  FROM (
    SELECT
      *
    FROM `cube` AS `t0`
    WHERE
      `t0`.`dm` <= 24288
      AND (
        (
          `t0`.`fm` IS NULL
        ) OR (
          `t0`.`fm` > 24288
        )
      )
  ) AS `t1`
  GROUP BY
    1
) AS `t3`
UNION ALL
SELECT
  *
FROM (
  SELECT
    `t2`.`agency_code`,
    24289 AS `month`,
    SUM(`t2`.`n`) AS `numerator`,
    CAST(NULL AS BIGINT) AS `denominator`
  FROM (
    SELECT
      *
    FROM `cube` AS `t0`
    WHERE
      `t0`.`dm` <= 24289
      AND (
        (
          `t0`.`fm` IS NULL
        ) OR (
          `t0`.`fm` > 24289
        )
      )
  ) AS `t2`
  GROUP BY
    1
) AS `t4`
