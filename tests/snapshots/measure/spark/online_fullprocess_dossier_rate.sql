SELECT
  `t1`.`agency_code`,
  `t1`.`rm` AS `month`,
  SUM(`t1`.`n_full`) AS `numerator`,
  SUM(`t1`.`n`) AS `denominator`
FROM (
  SELECT
    *
  FROM `cube` AS `t0`
  WHERE
    `t0`.`rm` IN (24288, 24289)
) AS `t1`
GROUP BY
  1,
  2
